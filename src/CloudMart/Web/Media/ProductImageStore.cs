using System.Collections.Concurrent;

namespace CloudMart.Web.Media;

/// <summary>
/// Where a product's picture is and what its addresses are. An uploaded picture is addressed by its version
/// (<c>/images/products/{id}/{version}/{size}</c>): new picture, new address, so browsers and CDNs may cache each one
/// forever. A product without an upload has the unversioned placeholder address. Versions are read from the data
/// directory and remembered for a few seconds (an upload in this process forgets at once), so a page of product cards
/// does not read a file per card.
/// </summary>
internal sealed class ProductImageStore(DataDirectory data, TimeProvider clock)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromSeconds(10);

    /// <summary>The <c>sizes</c> of a product card's image: about a quarter of a wide screen, half a phone's.</summary>
    public const string CardSizes = "(max-width: 600px) 50vw, (max-width: 1100px) 33vw, 280px";

    /// <summary>The <c>sizes</c> of the product page's main image.</summary>
    public const string PageSizes = "(max-width: 800px) 100vw, 600px";

    private readonly ConcurrentDictionary<Guid, (string? Version, DateTimeOffset ReadAt)> _versions = new();

    /// <summary>The current version of the product's uploaded picture, or null when it has none.</summary>
    public string? VersionOf(Guid productId)
    {
        var now = clock.GetUtcNow();
        if (_versions.TryGetValue(productId, out var known) && now - known.ReadAt < Remembered)
        {
            return known.Version;
        }
        var version = ReadVersion(productId);
        _versions[productId] = (version, now);
        return version;
    }

    /// <summary>Called after an upload, so this process's next page shows the new address at once.</summary>
    public void Forget(Guid productId) => _versions.TryRemove(productId, out _);

    /// <summary>The address of one size of the product's picture (the placeholder's when there is no upload).</summary>
    public string Url(Guid productId, string size) =>
        VersionOf(productId) is { } version ? $"/images/products/{productId}/{version}/{size}" : $"/images/products/{productId}/{size}";

    /// <summary>Every size with its width for <c>srcset</c>; null for a placeholder, which is a drawing that fits any size.</summary>
    public string? SrcSet(Guid productId) =>
        VersionOf(productId) is { } version
            ? string.Join(", ", ProductImageUpload.Sizes.Select(s => $"/images/products/{productId}/{version}/{s.Name} {s.Width}w"))
            : null;

    /// <summary>The file of one size of one version, or null when that version or size is not (or no longer) there.</summary>
    public FileInfo? FileOf(Guid productId, string version, string size)
    {
        if (version.Length != 16 || !version.All(char.IsAsciiHexDigitLower) || ProductImageUpload.Sizes.All(s => s.Name != size))
        {
            return null;
        }
        var file = new FileInfo(Path.Combine(ProductImageUpload.DirectoryOf(data, productId), version, size + ".webp"));
        return file.Exists ? file : null;
    }

    private string? ReadVersion(Guid productId)
    {
        try
        {
            var version = File.ReadAllText(Path.Combine(ProductImageUpload.DirectoryOf(data, productId), ProductImageUpload.CurrentFile)).Trim();
            return version.Length == 16 && version.All(char.IsAsciiHexDigitLower) ? version : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
