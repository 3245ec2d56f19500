using Spectre.Console;

namespace CloudMart.Modules.Recommendations.Training;

/// <summary><c>cloudmart recommendations train</c>: rebuild the co-purchase model, with a progress bar per step.</summary>
internal static class TrainCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var training = scope.ServiceProvider.GetRequiredService<ModelTraining>();
        TrainingReport? report = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var steps = new Dictionary<string, ProgressTask>();
                report = await training.RebuildAsync(new Evaluation.SyncProgress<TrainingProgress>(p =>
                {
                    if (!steps.TryGetValue(p.Step, out var task))
                    {
                        steps[p.Step] = task = context.AddTask(p.Step, maxValue: 1);
                    }
                    task.Value = p.Fraction;
                }), cancellationToken);
                foreach (var task in steps.Values)
                {
                    task.Value = 1;
                }
            });
        AnsiConsole.MarkupLine(
            $"Rebuilt the co-purchase model from [green]{report!.Customers:N0}[/] customers' paid orders: " +
            $"{report.Products:N0} products, {report.Pairs:N0} product pairs, in {report.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
