using CloudMart.Tests.Cart;

namespace CloudMart.Tests.Aws;

// The cart's specifications that hold on SQLite and PostgreSQL, run with the cart (and Ordering and Inventory) on DynamoDB.

public sealed class ShoppingCartOnDynamoDb(DynamoShop shop) : ShoppingCart(shop), IClassFixture<DynamoShop>;

public sealed class OneCartChangedAtOnceOnDynamoDb(DynamoShop shop) : OneCartChangedAtOnce(shop), IClassFixture<DynamoShop>;

public sealed class KeepingTheCartWithTheAccountOnDynamoDb(RelayedDynamoShop shop) : KeepingTheCartWithTheAccount(shop), IClassFixture<RelayedDynamoShop>;

/// <summary>The relay runs, so that an account closed in the Customers module (still relational) reaches the cart on DynamoDB.</summary>
public sealed class RelayedDynamoShop : DynamoShop
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["CloudMart:Relay:Enabled"] = "true" };
}
