namespace CloudMart.Modules.Catalog.Data;

/// <summary>
/// A product's text embedding, for hybrid search and content similarity. <see cref="TextHash"/> covers the embedded
/// text and the model, so an unchanged product is never embedded twice. An archived product keeps its row as a
/// tombstone (<see cref="IsArchived"/>) so that other processes' in-memory indexes see the removal.
/// </summary>
internal sealed class ProductVector
{
    public Guid ProductId { get; set; }

    public required string Model { get; set; }

    public required string TextHash { get; set; }

    /// <summary>Little-endian float32 values.</summary>
    public required byte[] Vector { get; set; }

    public bool IsArchived { get; set; }

    public DateTime UpdatedAt { get; set; }
}
