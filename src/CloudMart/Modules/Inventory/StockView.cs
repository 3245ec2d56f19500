using CloudMart.Modules.Inventory.Data;

namespace CloudMart.Modules.Inventory;

/// <summary>API v1 stock: <c>{sku, onHand, reserved, available, lowStockThreshold}</c>.</summary>
internal sealed record StockView(Guid ProductId, string Sku, int OnHand, int Reserved, int Available, int LowStockThreshold, DateTime UpdatedAt)
{
    public static StockView From(StockItem s) => new(s.ProductId, s.Sku, s.OnHand, s.Reserved, s.Available, s.LowStockThreshold, s.UpdatedAt);
}
