namespace CloudMart.Modules.Catalog.Data;

internal sealed class Product
{
    public Guid Id { get; set; }

    public required string Sku { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public decimal Price { get; set; }

    public Guid CategoryId { get; set; }

    public Category? Category { get; set; }

    public string? ImageUrl { get; set; }

    public Dictionary<string, string> Attributes { get; set; } = [];

    public double? Rating { get; set; }

    public int ReviewCount { get; set; }

    /// <summary>Units that can be bought now: a projection of Inventory's figure, kept in the same transaction.</summary>
    public int Available { get; set; }

    public bool IsArchived { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token and the product's ETag.</summary>
    public long Version { get; set; }

    /// <summary>Lower-cased name, SKU, category and description, for keyword search on any provider.</summary>
    public string SearchText { get; set; } = "";

    public string ETag => $"\"{Version}\"";

    public void RefreshSearchText(string categoryName) =>
        SearchText = string.Join(' ', Name, Sku, categoryName, string.Join(' ', Attributes.Values), Description).ToLowerInvariant();
}

internal sealed class Category
{
    public Guid Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public Guid? ParentId { get; set; }

    public int SortOrder { get; set; }
}
