using CloudMart.Platform.Messaging.DeadLetters;
using Spectre.Console;

namespace CloudMart.Platform.Cli;

/// <summary><c>cloudmart events dead-letters</c> and <c>cloudmart events replay</c>.</summary>
internal static class EventCommands
{
    public static async Task<int> ListDeadLettersAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var (items, total) = await scope.ServiceProvider.GetRequiredService<DeadLetterReplay>().ListAsync(false, 0, 500, cancellationToken);
        if (total == 0)
        {
            AnsiConsole.MarkupLine("[green]No dead letters.[/]");
            return 0;
        }
        var table = new Table().AddColumns("Id", "Failed at (UTC)", "Event", "Handler", "Attempts", "Error");
        foreach (var d in items)
        {
            table.AddRow(d.Id.ToString(), d.FailedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(d.Type), Markup.Escape(d.Handler),
                d.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(d.Error.Length <= 80 ? d.Error : d.Error[..80] + "…"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{total} dead letter(s). Replay one with [bold]cloudmart events replay <id>[/], or all with [bold]--all[/].");
        return 0;
    }

    public static async Task<int> ReplayAsync(string? id, IServiceProvider services, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        await using (var scope = services.CreateAsyncScope())
        {
            if (id is not null)
            {
                ids = Guid.TryParse(id, out var one) ? [one] : throw new CommandLineException($"'{id}' is not a dead letter id.");
            }
            else
            {
                ids = (await scope.ServiceProvider.GetRequiredService<DeadLetterReplay>().ListAsync(false, 0, 10_000, cancellationToken)).Items.Select(d => d.Id).ToList();
            }
        }
        var failed = 0;
        foreach (var letterId in ids)
        {
            await using var scope = services.CreateAsyncScope();
            var (outcome, letter, error) = await scope.ServiceProvider.GetRequiredService<DeadLetterReplay>().ReplayAsync(letterId, cancellationToken);
            switch (outcome)
            {
                case ReplayOutcome.Replayed:
                    AnsiConsole.MarkupLine($"[green]Replayed[/] {letterId} ({Markup.Escape(letter!.Handler)}).");
                    break;
                case ReplayOutcome.NotFound:
                    failed++;
                    AnsiConsole.MarkupLine($"[red]No dead letter[/] {letterId}.");
                    break;
                case ReplayOutcome.AlreadyReplayed:
                    AnsiConsole.MarkupLine($"{letterId} was replayed already.");
                    break;
                default:
                    failed++;
                    AnsiConsole.MarkupLine($"[red]Still failing[/] {letterId}: {Markup.Escape(error ?? "")}");
                    break;
            }
        }
        AnsiConsole.MarkupLine(ids.Count == 0 ? "No dead letters to replay." : $"{ids.Count - failed} of {ids.Count} replayed.");
        return failed == 0 ? 0 : 1;
    }
}
