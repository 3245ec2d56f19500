namespace CloudMart.Platform.Security;

/// <summary>
/// A caller that is only the given customer: no staff role, whatever roles the real user holds. Facades that serve
/// another module on a customer's behalf run their module's slices as this principal, so the slice applies exactly
/// the rights a customer has through the API (own orders, own cart) and nothing more.
/// </summary>
internal static class CustomerPrincipal
{
    public static ClaimsPrincipal For(Guid customerId) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, customerId.ToString()), new Claim(ClaimTypes.Role, Roles.Customer)],
        authenticationType: "customer-facade"));
}
