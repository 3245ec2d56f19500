using CloudMart.Modules.Notifications.Webhooks;

namespace CloudMart.Tests.Rules;

public sealed class PublicNetworks
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.5")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Webhooks_never_connect_to_private_loopback_or_metadata_addresses(string address) =>
        Assert.False(PublicNetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_are_allowed(string address) => Assert.True(PublicNetworkGuard.IsPublic(IPAddress.Parse(address)));
}
