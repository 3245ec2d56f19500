using Microsoft.Extensions.AI;

namespace CloudMart.Platform.AI.Chat;

/// <summary>
/// Whether the cloud model's tools ran during the current question. A tool may change things (the cart), so once one
/// has run, a failing model must not be answered again from scratch by the offline assistant, which would repeat it.
/// </summary>
internal sealed class ToolRun
{
    private static readonly AsyncLocal<ToolRun?> Current = new();
    private int _calls;

    public bool ToolsRan => Volatile.Read(ref _calls) > 0;

    /// <summary>Starts tracking for the question being asked in this async flow.</summary>
    public static ToolRun Begin()
    {
        var run = new ToolRun();
        Current.Value = run;
        return run;
    }

    /// <summary>The function invoker the cloud pipeline uses: counts the call, then runs the tool as usual.</summary>
    public static ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        if (Current.Value is { } run)
        {
            Interlocked.Increment(ref run._calls);
        }
        return context.Function.InvokeAsync(context.Arguments, cancellationToken);
    }
}
