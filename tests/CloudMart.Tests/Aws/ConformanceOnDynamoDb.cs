using CloudMart.Tests.Inventory;
using CloudMart.Tests.Ordering;

namespace CloudMart.Tests.Aws;

// The very specifications that hold on SQLite and PostgreSQL, run with Ordering, Inventory and Cart on DynamoDB.

public sealed class PlacingOrdersOnDynamoDb(DynamoShop shop) : PlacingOrders(shop), IClassFixture<DynamoShop>;

public sealed class OrderLifecycleOnDynamoDb(DynamoShop shop) : OrderLifecycle(shop), IClassFixture<DynamoShop>;

public sealed class ViewingOrdersOnDynamoDb(DynamoShop shop) : ViewingOrders(shop), IClassFixture<DynamoShop>;

public sealed class ManagingStockOnDynamoDb(DynamoShop shop) : ManagingStock(shop), IClassFixture<DynamoShop>;
