namespace CloudMart.FaultTest;

internal sealed record FaultOptions(string Provider, string? Postgres, int Orders, int Kills, int Workers, int Products, int Buyers, int Concurrency, int Seed, string Configuration, double Rate)
{
    public static FaultOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);
        var provider = Value("--provider", "sqlite").ToLowerInvariant();
        var postgres = Value("--postgres", Environment.GetEnvironmentVariable("CLOUDMART_TEST_POSTGRES") ?? "");
        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--provider must be sqlite or postgres");
        }
        if (provider == "postgres" && postgres.Length == 0)
        {
            throw new ArgumentException("--provider postgres needs --postgres <connection string> or CLOUDMART_TEST_POSTGRES");
        }
        return new FaultOptions(provider, postgres.Length == 0 ? null : postgres, Number("--orders", 300), Number("--kills", 6),
            Number("--workers", provider == "postgres" ? 2 : 1), Number("--products", 12), Number("--buyers", 40), Number("--concurrency", 16),
            Number("--seed", 7), Value("--configuration", "Release"), Number("--rate", 0));
    }
}
