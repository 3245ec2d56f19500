namespace CloudMart.Web.Shared;

/// <summary>An order status as people read it; the storefront's and the back-office's badges both use it.</summary>
public static class OrderStatusText
{
    public static string Of(string status) => status switch
    {
        "PaymentFailed" => "Payment failed",
        _ => status,
    };
}
