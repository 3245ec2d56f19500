using Microsoft.AspNetCore.Http.Features;

namespace CloudMart.Platform.Http;

/// <summary>
/// Holds every request body to <see cref="HttpRegistration.MaxRequestBodyBytes"/> whatever server runs the app.
/// Kestrel has the limit configured, but in-process hosts (the integration tests' TestServer) and servers without
/// a size feature would otherwise read any amount. A body announced as too large is refused before a byte is read.
/// </summary>
internal static class RequestBodyLimit
{
    public static Task EnforceAsync(HttpContext context, Func<Task> next)
    {
        // An endpoint may ask for more (the back-office image upload); every other request keeps the default.
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? HttpRegistration.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge();
        }
        var serverLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (serverLimit is { IsReadOnly: false })
        {
            serverLimit.MaxRequestBodySize = limit;
        }
        else if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            // No server limit to lean on: count the bytes as they are read. The pipe feature must wrap the new stream,
            // because JSON binding may read through Request.BodyReader rather than Request.Body.
            context.Request.Body = new LimitedBody(context.Request.Body, limit, context.Response);
            context.Features.Set<IRequestBodyPipeFeature>(new RequestBodyPipeFeature(context));
        }
        return next();
    }

    public static BadHttpRequestException TooLarge() =>
        new($"The request body is larger than {HttpRegistration.MaxRequestBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>A read-only view of the request body that fails once more than the limit has been read.</summary>
    private sealed class LimitedBody(Stream inner, long limit, HttpResponse response) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                // Model binding swallows read errors into an empty response; the status makes it a 413 problem instead.
                if (!response.HasStarted)
                {
                    response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                }
                throw TooLarge();
            }
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
