namespace CloudMart.Platform.Cli;

/// <summary>
/// The <c>cloudmart</c> command line: <c>serve</c> (default), <c>migrate</c>, <c>seed</c>, <c>catalog import|export</c>.
/// Options a verb does not know (<c>--urls</c>, <c>--CloudMart:DataDirectory=…</c>) pass through to the host as configuration.
/// </summary>
internal sealed record Command(string Verb, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Options, string[] HostArgs)
{
    public const string Usage = """
        cloudmart — an AI-driven e-commerce platform.

        Usage: dotnet run --project src/CloudMart -- <command> [options]

        Commands:
          serve [--role all|web|worker]
                                       Run the shop (default): API on http://localhost:8080.
                                       web: requests only; worker: event handlers with health
                                       and metrics only; all (default): both.
          migrate                      Apply database migrations and exit.
          seed [--products N] [--seed S]
                                       Seed the demo catalog when the shop is empty; with --products,
                                       also generate N synthetic products (for benchmarks).
          catalog import <file.csv>    Import products (all rows or none); rejected rows are listed.
          catalog export <file.csv>    Export every product on sale with its stock.
          ai reindex [--force]         Embed every product whose vector is missing or stale (all with
                                       --force) and rebuild the keyword index.
          events dead-letters          List events whose handlers still failed after every retry.
          events replay <id>|--all     Run a dead letter's handler again (or every open one).
          assistant evaluate --utterances <file.csv> [--json]
                                       Measure the offline assistant's intent recognition on
                                       labelled utterances (columns utterance,intent).
          recommendations train        Rebuild the co-purchase model from the recorded paid orders.
          recommendations evaluate --interactions <file.csv> [--json]
                                       Offline Recall/NDCG/HitRate@10 of each recommender beside a
                                       popularity baseline; CSV header user,item,timestamp[,basket].
          sentiment train --sentences <dir-or-file> [--output <file>]
                                       Train the local sentiment model on labelled sentences (columns
                                       text,label) outside the held-out 30 % and write its weights.
          sentiment evaluate --sentences <dir-or-file> [--lexicon <file>] [--all] [--json]
                                       Accuracy, macro-F1 and Pearson r of the local sentiment analyzer,
                                       per file (domain), on the held-out 30 % (every row with --all),
                                       beside VADER run over the given (or a nearby) vader_lexicon.txt.
          dynamodb create-table        Create the DynamoDB table of deploy/dynamodb/table.json under
                                       CloudMart:DynamoDb:TableName and wait until it is active.
          lambda                       Run as the AWS Lambda function (custom runtime) that handles
                                       the table's DynamoDB Streams batches; needs AWS_LAMBDA_RUNTIME_API.
          help                         Show this text.

        Any ASP.NET Core setting can follow, e.g. --urls http://127.0.0.1:5080
        or --CloudMart:DataDirectory=/var/lib/cloudmart.
        """;

    private static readonly string[] Verbs = ["serve", "migrate", "seed", "catalog", "events", "ai", "assistant", "recommendations", "sentiment", "dynamodb", "lambda", "help"];
    private static readonly string[] VerbOptions = ["--products", "--seed", "--role", "--utterances", "--interactions", "--sentences", "--output", "--lexicon"];
    private static readonly string[] Flags = ["--all", "--force", "--json"];

    public static Command Parse(string[] args)
    {
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h")))
        {
            args = ["serve", .. args];
        }
        var verb = args[0] is "--help" or "-h" ? "help" : args[0].ToLowerInvariant();
        if (!Verbs.Contains(verb))
        {
            throw new CommandLineException($"Unknown command '{args[0]}'. Run 'cloudmart help' for the list.");
        }
        var arguments = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var hostArgs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (VerbOptions.Contains(arg))
            {
                if (i + 1 >= args.Length)
                {
                    throw new CommandLineException($"{arg} needs a value.");
                }
                options[arg] = args[++i];
            }
            else if (Flags.Contains(arg))
            {
                options[arg] = "true";
            }
            else if (arg.StartsWith('-'))
            {
                hostArgs.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith('-'))
                {
                    hostArgs.Add(args[++i]);
                }
            }
            else
            {
                arguments.Add(arg);
            }
        }
        var command = new Command(verb, arguments, options, [.. hostArgs]);
        _ = command.Role; // a wrong --role is a usage error now, not a crash later
        return command;
    }

    /// <summary><c>serve --role all|web|worker</c>: what this process runs.</summary>
    public ServeRole Role => Options.TryGetValue("--role", out var role)
        ? role.ToLowerInvariant() switch
        {
            "all" => ServeRole.All,
            "web" => ServeRole.Web,
            "worker" => ServeRole.Worker,
            _ => throw new CommandLineException($"--role must be all, web or worker, not '{role}'."),
        }
        : ServeRole.All;

    /// <summary>True when this process delivers events: <c>serve</c> in the all or worker role.</summary>
    public bool RunsHandlers => Verb == "serve" && Role is ServeRole.All or ServeRole.Worker;

    public int IntOption(string name, int defaultValue, int min, int max)
    {
        if (!Options.TryGetValue(name, out var text))
        {
            return defaultValue;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CommandLineException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
        }
        return value;
    }
}

internal enum ServeRole
{
    All,
    Web,
    Worker,
}

/// <summary>A mistake in how the command was called: printed plainly, exit code 2, no stack trace.</summary>
internal sealed class CommandLineException(string message) : Exception(message);
