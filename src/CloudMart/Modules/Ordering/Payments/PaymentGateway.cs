namespace CloudMart.Modules.Ordering.Payments;

/// <summary>The payments port: the simulated gateway by default, Stripe by configuration (later).</summary>
internal interface IPaymentGateway
{
    /// <summary>
    /// Authorises the order's total on the payment token. The order id and the payment attempt are the idempotency
    /// key: asking again for the same attempt returns the same outcome without a second charge, while a new attempt
    /// (the customer paying again with another card) is a new authorisation.
    /// </summary>
    Task<PaymentOutcome> AuthoriseAsync(PaymentRequest request, CancellationToken cancellationToken);
}

internal sealed record PaymentRequest(Guid OrderId, decimal Amount, string Currency, string Token, int Attempt = 1);

internal sealed record PaymentOutcome(bool Authorised, string Reference, string? DeclineReason);

/// <summary>The gateway could not answer now (timeout, outage); worth trying again.</summary>
internal sealed class PaymentUnavailableException(string message) : Exception(message);

/// <summary>Bound from <c>CloudMart:Payments:Simulated</c>: lets tests and demos make the gateway slow or flaky.</summary>
internal sealed class SimulatedGatewayOptions
{
    public const string Section = "CloudMart:Payments:Simulated";

    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Share of calls (0..1) that fail as if the gateway were briefly unavailable.</summary>
    public double TransientFailureRate { get; set; }
}

/// <summary>
/// Test tokens like a real gateway's: <c>tok_visa</c> is authorised, <c>tok_chargeDeclined</c> is declined, and any
/// other token is declined as unknown. Deterministic per order and attempt, so a repeated call gives the same answer.
/// </summary>
internal sealed class SimulatedPaymentGateway(Microsoft.Extensions.Options.IOptions<SimulatedGatewayOptions> options) : IPaymentGateway
{
    public const string Authorised = "tok_visa";
    public const string Declined = "tok_chargeDeclined";

    public async Task<PaymentOutcome> AuthoriseAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Latency > TimeSpan.Zero)
        {
            await Task.Delay(settings.Latency, cancellationToken);
        }
        if (settings.TransientFailureRate > 0 && Random.Shared.NextDouble() < settings.TransientFailureRate)
        {
            throw new PaymentUnavailableException("The simulated gateway is unavailable (configured failure rate).");
        }
        var reference = "sim_" + request.OrderId.ToString("N")[..16] + (request.Attempt > 1 ? $"_{request.Attempt}" : "");
        return request.Token switch
        {
            Authorised => new PaymentOutcome(true, reference, null),
            Declined => new PaymentOutcome(false, reference, "The card was declined."),
            _ => new PaymentOutcome(false, reference, "The payment token is not one the simulated gateway knows."),
        };
    }
}
