namespace CloudMart.FaultTest;

internal sealed record FaultOptions(string Provider, string? Postgres, string? DynamoDb, int Orders, int Kills, int Workers, int Products, int Buyers, int Concurrency, int Seed, string Configuration, double Rate)
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
        var dynamodb = Value("--dynamodb", Environment.GetEnvironmentVariable("CLOUDMART_TEST_DYNAMODB") ?? "");
        if (provider is not ("sqlite" or "postgres" or "dynamodb"))
        {
            throw new ArgumentException("--provider must be sqlite, postgres or dynamodb");
        }
        if (provider == "dynamodb" && dynamodb.Length == 0)
        {
            throw new ArgumentException("--provider dynamodb needs --dynamodb <emulator URL> or CLOUDMART_TEST_DYNAMODB");
        }
        if (provider == "postgres" && postgres.Length == 0)
        {
            throw new ArgumentException("--provider postgres needs --postgres <connection string> or CLOUDMART_TEST_POSTGRES");
        }
        return new FaultOptions(provider, postgres.Length == 0 ? null : postgres, dynamodb.Length == 0 ? null : dynamodb, Number("--orders", 300), Number("--kills", 6),
            Number("--workers", provider is "postgres" or "dynamodb" ? 2 : 1), Number("--products", 12), Number("--buyers", 40), Number("--concurrency", 16),
            Number("--seed", 7), Value("--configuration", "Release"), Number("--rate", 0));
    }
}
