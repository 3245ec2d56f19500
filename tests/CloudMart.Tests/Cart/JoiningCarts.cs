using CloudMart.Modules.Cart;
using CloudMart.Modules.Cart.Contracts;

namespace CloudMart.Tests.Cart;

/// <summary>The rule both cart stores apply when a visitor's cart joins the account's at sign-in, without I/O.</summary>
public sealed class JoiningCarts
{
    private static readonly DateTime Then = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc);

    private static StoredCartLine Held(Guid productId, int quantity, int minutesAfter = 0) => new(productId, quantity, Then.AddMinutes(minutesAfter));

    [Fact]
    public void A_product_in_both_carts_gets_both_quantities_and_keeps_its_place()
    {
        var (mug, plate) = (Guid.NewGuid(), Guid.NewGuid());

        var merged = CartRules.Merge([Held(mug, 3), Held(plate, 1, 1)], [new CartLine(mug, 2)], Now);

        Assert.Equal([new CartLine(mug, 5), new CartLine(plate, 1)], CartRules.InOrder(merged));
    }

    [Fact]
    public void A_line_never_holds_more_than_a_thousand()
    {
        var mug = Guid.NewGuid();

        var merged = CartRules.Merge([Held(mug, 999)], [new CartLine(mug, 5)], Now);

        Assert.Equal(1000, Assert.Single(merged).Quantity);
    }

    [Fact]
    public void New_products_follow_the_accounts_lines_in_the_visitors_order()
    {
        var held = Guid.NewGuid();
        var visitor = Enumerable.Range(0, 5).Select(i => new CartLine(Guid.NewGuid(), i + 1)).ToList();

        var merged = CartRules.Merge([Held(held, 1)], visitor, Now);

        Assert.Equal([new CartLine(held, 1), .. visitor], CartRules.InOrder(merged));
    }

    [Fact]
    public void New_products_beyond_a_hundred_lines_are_left_out_but_held_ones_still_add_up()
    {
        var account = Enumerable.Range(0, 98).Select(i => Held(Guid.NewGuid(), 1, i)).ToList();
        var visitor = new List<CartLine> { new(Guid.NewGuid(), 1), new(account[0].ProductId, 4), new(Guid.NewGuid(), 1), new(Guid.NewGuid(), 1) };

        var merged = CartRules.Merge(account, visitor, Now);

        Assert.Equal(CartRules.MaxLines, merged.Count);
        Assert.Equal(5, merged.Single(l => l.ProductId == account[0].ProductId).Quantity);
        Assert.Contains(merged, l => l.ProductId == visitor[0].ProductId);
        Assert.Contains(merged, l => l.ProductId == visitor[2].ProductId);
        Assert.DoesNotContain(merged, l => l.ProductId == visitor[3].ProductId);
    }

    [Fact]
    public void An_empty_visitors_cart_changes_nothing()
    {
        var account = new List<StoredCartLine> { Held(Guid.NewGuid(), 2) };

        Assert.Equal(account, CartRules.Merge(account, [], Now));
    }
}
