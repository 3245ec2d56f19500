namespace CloudMart.Modules.Catalog.Contracts;

/// <summary>What other modules may ask the catalog, synchronously.</summary>
public interface ICatalog
{
    /// <summary>Current name, SKU and price of each product found (archived ones included, flagged).</summary>
    Task<IReadOnlyDictionary<Guid, ProductForSale>> FindForSaleAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);
}

public sealed record ProductForSale(Guid Id, string Sku, string Name, decimal Price, bool IsArchived);
