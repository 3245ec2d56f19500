namespace CloudMart.Platform.Security;

public static class Roles
{
    public const string Customer = "customer";
    public const string Support = "support";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Customer, Support, Admin];
}

/// <summary>Authorization policies; every route names one (or is explicitly anonymous).</summary>
public static class Policies
{
    public const string SignedIn = "signed-in";
    public const string Customer = "customer";
    public const string Staff = "staff";
    public const string Admin = "admin";
}

/// <summary>Rate-limiter policies for the routes that attract abuse.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Checkout = "checkout";
    public const string Assistant = "assistant";
}
