using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>
/// Brings products' vectors up to date: embeds those whose text (or the model) changed since they were last embedded,
/// marks archived ones, and tells this process's index once the rows are committed. Safe to run twice at once (the
/// second writer of a row updates what the first inserted) and safe to repeat (an unchanged product costs a hash).
/// </summary>
internal sealed class ProductEmbedder(CatalogDbContext db, EmbeddingModel model, UnitOfWork unitOfWork, ProductVectorIndex index, CatalogPages pages, TimeProvider clock)
{
    /// <summary>Products embedded in one model call and one transaction.</summary>
    public const int BatchSize = 64;

    /// <summary>Updates the given products' vectors; returns how many it embedded.</summary>
    public async Task<int> RefreshAsync(IReadOnlyCollection<Guid> productIds, bool force, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking()
            .Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Description, p.Attributes, p.IsArchived, CategoryName = p.Category!.Name })
            .ToListAsync(cancellationToken);
        var stored = await db.ProductVectors.AsNoTracking()
            .Where(v => productIds.Contains(v.ProductId))
            .Select(v => new { v.ProductId, v.TextHash, v.IsArchived })
            .ToDictionaryAsync(v => v.ProductId, cancellationToken);

        var toEmbed = new List<(Guid Id, string Text, string Hash)>();
        var toArchive = new List<Guid>();
        foreach (var product in products)
        {
            var found = stored.GetValueOrDefault(product.Id);
            if (product.IsArchived)
            {
                if (found is { IsArchived: false })
                {
                    toArchive.Add(product.Id);
                }
                continue;
            }
            var text = ProductText.Of(product.Name, product.CategoryName, product.Attributes, product.Description);
            var hash = ProductText.Hash(model.Id, text);
            if (force || found is null || found.IsArchived || found.TextHash != hash)
            {
                toEmbed.Add((product.Id, text, hash));
            }
        }
        if (toEmbed.Count == 0 && toArchive.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<ProductVector>(toEmbed.Count + toArchive.Count);
        // Similar lengths batched together: a batch is padded to its longest text, so this saves the model work.
        foreach (var batch in toEmbed.OrderBy(p => p.Text.Length).Chunk(BatchSize))
        {
            var embeddings = await model.Generator.GenerateAsync(batch.Select(p => p.Text), cancellationToken: cancellationToken);
            rows.AddRange(batch.Select((p, i) => new ProductVector
            {
                ProductId = p.Id, Model = model.Id, TextHash = p.Hash, Vector = ProductText.ToBytes(embeddings[i].Vector.Span), UpdatedAt = now,
            }));
        }
        rows.AddRange(toArchive.Select(id => new ProductVector { ProductId = id, Model = model.Id, TextHash = "", Vector = [], IsArchived = true, UpdatedAt = now }));

        await WriteAsync(rows, cancellationToken);
        await index.ApplyAsync(rows);
        return toEmbed.Count;
    }

    /// <summary>Every product, in batches; reports how many it has examined.</summary>
    public async Task<(int Examined, int Embedded)> RefreshAllAsync(bool force, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var examined = 0;
        var embedded = 0;
        var lastId = Guid.Empty;
        while (true)
        {
            var after = lastId;
            var ids = await db.Products.AsNoTracking()
                .Where(p => p.Id > after)
                .OrderBy(p => p.Id)
                .Select(p => p.Id)
                .Take(BatchSize * 4)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return (examined, embedded);
            }
            embedded += await RefreshAsync(ids, force, cancellationToken);
            examined += ids.Count;
            progress?.Report(examined);
            lastId = ids[^1];
        }
    }

    private async Task WriteAsync(List<ProductVector> rows, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await unitOfWork.ExecuteAsync(async ct =>
                {
                    await pages.ChangedAsync(); // cached search results may rank differently now
                    var ids = rows.Select(r => r.ProductId).ToList();
                    var existing = await db.ProductVectors.Where(v => ids.Contains(v.ProductId)).ToDictionaryAsync(v => v.ProductId, ct);
                    foreach (var row in rows)
                    {
                        if (existing.TryGetValue(row.ProductId, out var current))
                        {
                            current.Model = row.Model;
                            current.TextHash = row.TextHash;
                            current.Vector = row.IsArchived ? current.Vector : row.Vector;
                            current.IsArchived = row.IsArchived;
                            current.UpdatedAt = row.UpdatedAt;
                        }
                        else
                        {
                            db.ProductVectors.Add(row);
                        }
                    }
                }, cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (attempt == 1 && DatabaseErrors.IsUniqueViolation(e))
            {
                // Another process inserted one of these rows first (PostgreSQL has no write gate): update it instead.
            }
            finally
            {
                db.ChangeTracker.Clear(); // a re-index of 10⁵ products must not keep every row tracked
            }
        }
    }
}
