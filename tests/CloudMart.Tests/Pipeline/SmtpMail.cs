using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Storage;

namespace CloudMart.Tests.Pipeline;

/// <summary>A real SMTP server in the test process that keeps what it receives.</summary>
public sealed class TestSmtpServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public TestSmtpServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages));
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) // the factory disposes its fixture twice (sync and async)
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }
}

public sealed class SqliteSmtpShop : SqliteShop
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = PipelineSettings.With(base.Settings);
            settings["CloudMart:Mail:Smtp:Host"] = "127.0.0.1";
            settings["CloudMart:Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["CloudMart:Mail:Smtp:Security"] = "None";
            settings["CloudMart:Mail:From"] = "Test Shop <shop@cloudmart.test>";
            return settings;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Smtp.Dispose();
    }
}

/// <summary>With an SMTP server configured, the same e-mails leave over SMTP through MailKit.</summary>
public sealed class SmtpMail(SqliteSmtpShop shop) : IClassFixture<SqliteSmtpShop>
{
    [Fact]
    public async Task The_confirmation_email_is_sent_over_smtp_with_html_and_text_parts()
    {
        var api = shop.Api();
        var product = await api.ProductAsync(stock: 5, price: 30m);
        var buyer = await api.CustomerAsync();
        var number = (await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 1)])).Json()).GetProperty("number").GetString()!;

        var deadline = DateTime.UtcNow.AddSeconds(20);
        MimeMessage? mail = null;
        while (mail is null && DateTime.UtcNow < deadline)
        {
            mail = shop.Smtp.Messages.FirstOrDefault(m => m.Subject?.Contains(number, StringComparison.Ordinal) == true);
            await Task.Delay(50);
        }

        Assert.NotNull(mail);
        Assert.Equal($"Order {number} is confirmed", mail.Subject);
        Assert.Equal(buyer.Email, mail.To.Mailboxes.Single().Address);
        Assert.Equal("shop@cloudmart.test", mail.From.Mailboxes.Single().Address);
        Assert.Contains(number, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("30.00 USD", mail.TextBody, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(shop.DataDirectory, "mail")) && Directory.GetFiles(Path.Combine(shop.DataDirectory, "mail")).Length > 0,
            "with SMTP configured, nothing goes to the pickup folder");
    }
}
