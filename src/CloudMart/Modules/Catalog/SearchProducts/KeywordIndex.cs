using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.SearchProducts;

/// <summary>
/// The keyword half of search, on each provider's own full-text index: SQLite FTS5 (Porter stemming, BM25 with the
/// name weighted ten to one) or PostgreSQL's stored tsvector (English stemming, ts_rank_cd with the name as weight A).
/// Every query word must match, as itself, as a typo correction, or, for the last word, as a prefix (as you type).
/// </summary>
internal sealed class KeywordIndex(CatalogDbContext db, DatabaseSession session)
{
    /// <summary>Product ids on sale, best match first.</summary>
    public async Task<IReadOnlyList<Guid>> MatchAsync(IReadOnlyList<IReadOnlyList<string>> alternatives, int limit, CancellationToken cancellationToken)
    {
        if (alternatives.Count == 0)
        {
            return [];
        }
        if (session.Provider == DatabaseProvider.Postgres)
        {
            var tsquery = string.Join(" & ", alternatives.Select((words, i) =>
                "(" + string.Join(" | ", words.Select(w => w + (i == alternatives.Count - 1 && w == words[0] ? ":*" : ""))) + ")"));
            return await db.Database.SqlQuery<Guid>($"""
                SELECT p."Id" AS "Value"
                FROM catalog_products p, to_tsquery('english', {tsquery}) q
                WHERE p.search_vector @@ q AND p."IsArchived" = FALSE
                ORDER BY ts_rank_cd(p.search_vector, q) DESC, p."Name", p."Id"
                LIMIT {limit}
                """).ToListAsync(cancellationToken);
        }
        // Terms are letters and digits only (SearchTerms), and quoted, so none can be read as FTS5 syntax.
        var match = string.Join(" AND ", alternatives.Select((words, i) =>
            "(" + string.Join(" OR ", words.Select(w => $"\"{w}\"" + (i == alternatives.Count - 1 && w == words[0] ? "*" : ""))) + ")"));
        return await db.Database.SqlQuery<Guid>($"""
            SELECT p.Id AS Value
            FROM catalog_products_fts f JOIN catalog_products p ON p.rowid = f.rowid
            WHERE catalog_products_fts MATCH {match} AND p.IsArchived = 0
            ORDER BY bm25(catalog_products_fts, 10.0, 1.0), p.Name, p.Id
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Rebuilds SQLite's FTS5 index from the products (after a bulk load or a table rebuild); PostgreSQL's is a generated column.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        if (session.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO catalog_products_fts(catalog_products_fts) VALUES('rebuild');", cancellationToken);
        }
    }
}
