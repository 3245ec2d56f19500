using System.Threading.Channels;

namespace CloudMart.Platform.Messaging;

/// <summary>A wake-up call for a background loop: Notify() ends the current wait at once, instead of at the next poll.</summary>
internal class WakeSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wake.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed
        }
    }
}

/// <summary>Wakes the relay the moment a transaction that appended events commits.</summary>
internal sealed class OutboxSignal : WakeSignal;
