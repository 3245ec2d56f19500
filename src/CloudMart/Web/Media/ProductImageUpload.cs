using SkiaSharp;

namespace CloudMart.Web.Media;

/// <summary>Why an uploaded product image was refused: a code for the redirect back to the form, and words an admin can act on.</summary>
internal sealed record ImageRefusal(string Code)
{
    public static readonly ImageRefusal Missing = new("missing");
    public static readonly ImageRefusal TooLarge = new("too-large");
    public static readonly ImageRefusal NotAnImage = new("not-an-image");
    public static readonly ImageRefusal Unreadable = new("unreadable");

    public static string? MessageFor(string? code) => code switch
    {
        "missing" => "Choose an image file to upload.",
        "too-large" => $"The image is larger than {ProductImageUpload.MaxBytes / (1024 * 1024)} MB.",
        "not-an-image" => "That file is not a JPEG, PNG or WebP image.",
        "unreadable" => "The image could not be read; it may be damaged or too large in pixels.",
        _ => null,
    };
}

/// <summary>
/// Turns an uploaded product photo into the shop's two sizes: <c>images/products/{id:N}/thumb.webp</c> (400 px wide)
/// and <c>large.webp</c> (1200 px) under the data directory. The type is decided by the file's first bytes, never its
/// name or the browser's content type; each size is written to a temporary file and moved into place, so a reader
/// never sees half an image.
/// </summary>
internal static class ProductImageUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Bigger pictures would take too much memory to decode (a small file can claim huge dimensions).</summary>
    public const long MaxPixels = 40_000_000;

    public static readonly IReadOnlyList<(string Name, int Width)> Sizes = [("thumb", 400), ("large", 1200)];

    public static string DirectoryOf(DataDirectory data, Guid productId) => data.Combine("images", "products", productId.ToString("N"));

    /// <summary>JPEG, PNG or WebP by their signatures; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return "image/jpeg";
        }
        if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return "image/png";
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }
        return null;
    }

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes, checks and resizes them; null when both sizes were saved.</summary>
    public static async Task<ImageRefusal?> SaveAsync(Stream upload, Guid productId, DataDirectory data, CancellationToken cancellationToken)
    {
        var bytes = await ReadLimitedAsync(upload, cancellationToken);
        if (bytes is null)
        {
            return ImageRefusal.TooLarge;
        }
        if (bytes.Length == 0)
        {
            return ImageRefusal.Missing;
        }
        if (Sniff(bytes) is null)
        {
            return ImageRefusal.NotAnImage;
        }
        var sizes = Resize(bytes);
        if (sizes is null)
        {
            return ImageRefusal.Unreadable;
        }
        var directory = DirectoryOf(data, productId);
        Directory.CreateDirectory(directory);
        foreach (var (name, webp) in sizes)
        {
            var final = Path.Combine(directory, name + ".webp");
            var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllBytesAsync(temporary, webp, cancellationToken);
            File.Move(temporary, final, overwrite: true);
        }
        return null;
    }

    /// <summary>Each size as WebP bytes, or null when the bytes do not decode to a picture of a sane size.</summary>
    public static IReadOnlyList<(string Name, byte[] WebP)>? Resize(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return null;
        }
        using var original = SKBitmap.Decode(codec);
        if (original is null)
        {
            return null;
        }
        var result = new List<(string, byte[])>(Sizes.Count);
        foreach (var (name, width) in Sizes)
        {
            // Never enlarged: a small photo stays sharp at its own size and the page scales it.
            var targetWidth = Math.Min(width, original.Width);
            var targetHeight = Math.Max(1, (int)Math.Round((double)original.Height * targetWidth / original.Width));
            using var resized = original.Resize(new SKImageInfo(targetWidth, targetHeight), new SKSamplingOptions(SKCubicResampler.Mitchell));
            if (resized is null)
            {
                return null;
            }
            using var image = SKImage.FromBitmap(resized);
            using var encoded = image.Encode(SKEncodedImageFormat.Webp, 82);
            result.Add((name, encoded.ToArray()));
        }
        return result;
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream upload, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
