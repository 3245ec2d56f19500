using CloudMart.Modules.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace CloudMart.Tests.Notifications;

public sealed class CarrierTrackingLinks
{
    private static CarrierTracking With(params (string Carrier, string Template)[] configured)
    {
        var options = new CarrierOptions();
        foreach (var (carrier, template) in configured)
        {
            options.Carriers[carrier] = template;
        }
        return new CarrierTracking(Options.Create(options));
    }

    [Fact]
    public void A_known_carrier_links_to_its_own_tracking_page_whatever_the_case_of_its_name()
    {
        Assert.Equal("https://www.fedex.com/fedextrack/?trknbr=7712", With().LinkFor(" fedex ", "7712"));
    }

    [Fact]
    public void The_tracking_number_is_escaped_into_the_address()
    {
        Assert.Equal("https://www.ups.com/track?tracknum=1Z%26x%3D1", With().LinkFor("UPS", "1Z&x=1"));
    }

    [Fact]
    public void A_shop_adds_its_own_carrier_and_may_override_a_known_one()
    {
        var tracking = With(("Village Courier", "https://courier.example/t/{tracking}"), ("UPS", "https://ups.example/{tracking}"));
        Assert.Equal("https://courier.example/t/VC-1", tracking.LinkFor("village courier", "VC-1"));
        Assert.Equal("https://ups.example/1Z", tracking.LinkFor("UPS", "1Z"));
    }

    [Fact]
    public void No_link_without_a_known_carrier_and_a_number()
    {
        Assert.Null(With().LinkFor("Village Courier", "VC-1"));
        Assert.Null(With().LinkFor("UPS", null));
        Assert.Null(With().LinkFor(null, "1Z"));
    }

    [Fact]
    public void A_configured_page_must_be_https_with_a_place_for_the_number()
    {
        Assert.True(new CarrierOptions { Carriers = { ["A"] = "https://a.example/{tracking}" } }.IsValid());
        Assert.False(new CarrierOptions { Carriers = { ["A"] = "https://a.example/track" } }.IsValid());
        Assert.False(new CarrierOptions { Carriers = { ["A"] = "http://a.example/{tracking}" } }.IsValid());
        Assert.False(new CarrierOptions { Carriers = { ["A"] = "not a url {tracking}" } }.IsValid());
    }
}
