using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>
/// The catalog's product vectors in memory, for every process that searches. Loaded from catalog_product_vectors on
/// first use; writes in this process apply at once, and writes by other processes (a worker embedding what a web
/// replica serves) are read back by their UpdatedAt at most every <see cref="SearchOptions.IndexRefreshInterval"/>.
/// </summary>
internal sealed partial class ProductVectorIndex(
    IServiceScopeFactory scopes, EmbeddingModel model, TimeProvider clock, IOptions<SearchOptions> options, ILogger<ProductVectorIndex> logger) : IDisposable
{
    // Commits are not ordered by their timestamps: a row stamped just before the last read may commit just after it.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _sync = new(1, 1);
    private VectorMatrix? _matrix;
    private bool _loaded;
    private DateTime _watermark = DateTime.MinValue;
    private DateTimeOffset _lastSync = DateTimeOffset.MinValue;

    /// <summary>Loads the vectors on first use and reads other processes' changes when the last read is old enough.</summary>
    public async Task<VectorMatrix?> EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (_loaded && clock.GetUtcNow() - _lastSync < options.Value.IndexRefreshInterval)
        {
            return _matrix;
        }
        await _sync.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_loaded && now - _lastSync < options.Value.IndexRefreshInterval)
            {
                return _matrix;
            }
            var since = _loaded && _watermark > DateTime.MinValue + Overlap ? _watermark - Overlap : DateTime.MinValue;
            var loaded = await ReadSinceAsync(since, cancellationToken);
            _lastSync = now;
            if (loaded > 0 && since == DateTime.MinValue)
            {
                LogLoaded(loaded);
            }
            return _matrix;
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Applies rows this process has just committed (before the index is loaded, the load will read them).</summary>
    public async Task ApplyAsync(IEnumerable<ProductVector> rows)
    {
        await _sync.WaitAsync();
        try
        {
            if (!_loaded)
            {
                return;
            }
            foreach (var row in rows)
            {
                Apply(row);
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    private async Task<int> ReadSinceAsync(DateTime since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        if (since != DateTime.MinValue)
        {
            return ApplyAll(await db.ProductVectors.AsNoTracking().Where(v => v.UpdatedAt >= since).ToListAsync(cancellationToken));
        }
        // A full load in keyset pages, so 10⁵ rows (150 MB of blobs) never sit in memory twice.
        var read = 0;
        var lastId = Guid.Empty;
        const int Batch = 2_000;
        while (true)
        {
            var after = lastId;
            var rows = await db.ProductVectors.AsNoTracking()
                .Where(v => v.ProductId > after)
                .OrderBy(v => v.ProductId)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            read += ApplyAll(rows);
            if (rows.Count < Batch)
            {
                _loaded = true;
                return read;
            }
            lastId = rows[^1].ProductId;
        }
    }

    private int ApplyAll(List<ProductVector> rows)
    {
        foreach (var row in rows)
        {
            Apply(row);
            if (row.UpdatedAt > _watermark)
            {
                _watermark = row.UpdatedAt;
            }
        }
        return rows.Count;
    }

    private void Apply(ProductVector row)
    {
        if (row.IsArchived || row.Model != model.Id)
        {
            _matrix?.Remove(row.ProductId);
            return;
        }
        var vector = ProductText.ToFloats(row.Vector);
        if (_matrix is null || _matrix.Dimensions != vector.Length)
        {
            _matrix = new VectorMatrix(vector.Length);
        }
        _matrix.Upsert(row.ProductId, vector);
    }

    public void Dispose()
    {
        _sync.Dispose();
        _matrix?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} product vectors into the search index")]
    private partial void LogLoaded(int count);
}
