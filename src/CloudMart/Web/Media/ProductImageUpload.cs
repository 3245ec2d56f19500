using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace CloudMart.Web.Media;

/// <summary>Why an uploaded product image was refused: a code for the redirect back to the form, and words an admin can act on.</summary>
internal sealed record ImageRefusal(string Code)
{
    public static readonly ImageRefusal Missing = new("missing");
    public static readonly ImageRefusal TooLarge = new("too-large");
    public static readonly ImageRefusal NotAnImage = new("not-an-image");
    public static readonly ImageRefusal Unreadable = new("unreadable");
    public static readonly ImageRefusal FormExpired = new("form-expired");

    public static string? MessageFor(string? code) => code switch
    {
        "missing" => "Choose an image file to upload.",
        "too-large" => $"The image is larger than {ProductImageUpload.MaxBytes / (1024 * 1024)} MB.",
        "not-an-image" => "That file is not a JPEG, PNG or WebP image.",
        "unreadable" => "The image could not be read; it may be damaged or too large in pixels.",
        "form-expired" => "The form had expired, so the image was not saved. Choose the file again and upload it.",
        _ => null,
    };
}

/// <summary>
/// Turns an uploaded product photo into the shop's sizes under the data directory:
/// <c>images/products/{id:N}/{version}/{size}.webp</c>, where the version is a hash of the upload, then points the
/// product's <c>current</c> file at that version. A new picture therefore gets new addresses, which caches may keep
/// forever (<see cref="ProductImageStore"/>). The type is decided by the file's first bytes, never its name or the
/// browser's content type; every file is written under a temporary name and moved into place, so a reader never sees
/// half an image, and the version becomes current only when all its sizes exist.
/// </summary>
internal static class ProductImageUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Bigger pictures would take too much memory to decode (a small file can claim huge dimensions).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Widths, smallest first; a picture narrower than a size is kept at its own width, never enlarged.</summary>
    public static readonly IReadOnlyList<(string Name, int Width)> Sizes = [("thumb", 400), ("medium", 800), ("large", 1200)];

    /// <summary>The file that names the current version.</summary>
    public const string CurrentFile = "current";

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

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes, checks and resizes them; null when every size was saved and made current.</summary>
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
        var version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var versionDirectory = Path.Combine(directory, version);
        Directory.CreateDirectory(versionDirectory);
        foreach (var (name, webp) in sizes)
        {
            await WriteAtomicallyAsync(Path.Combine(versionDirectory, name + ".webp"), webp, cancellationToken);
        }
        await WriteAtomicallyAsync(Path.Combine(directory, CurrentFile), Encoding.ASCII.GetBytes(version), cancellationToken);
        RemoveOlderVersions(directory, version);
        return null;
    }

    /// <summary>Old addresses are answered with a redirect to the current picture, so older files are not needed.</summary>
    private static void RemoveOlderVersions(string directory, string current)
    {
        foreach (var old in Directory.EnumerateDirectories(directory).Where(d => Path.GetFileName(d) != current))
        {
            try
            {
                Directory.Delete(old, recursive: true);
            }
            catch (IOException)
            {
                // being read right now; the next upload removes it
            }
        }
        foreach (var legacy in Sizes.Select(s => Path.Combine(directory, s.Name + ".webp")).Where(File.Exists))
        {
            File.Delete(legacy);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
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
            using var resized = Downscale(original, targetWidth, targetHeight);
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

    /// <summary>
    /// Scales down in steps of at most half, then once with a Mitchell cubic filter: a single cubic pass over a
    /// picture many times the target's size samples too few of its pixels and aliases (moiré, jagged edges).
    /// </summary>
    private static SKBitmap? Downscale(SKBitmap source, int width, int height)
    {
        var current = source;
        try
        {
            while (current.Width / 2 >= width && current.Height / 2 >= height)
            {
                var half = current.Resize(new SKImageInfo(current.Width / 2, current.Height / 2), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
                if (!ReferenceEquals(current, source))
                {
                    current.Dispose();
                }
                if (half is null)
                {
                    return null;
                }
                current = half;
            }
            return current.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        finally
        {
            if (!ReferenceEquals(current, source))
            {
                current.Dispose();
            }
        }
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
