using CloudMart.Tests.Assistant;
using CloudMart.Tests.Notifications;
using CloudMart.Tests.Ordering;
using CloudMart.Tests.Web;

namespace CloudMart.Tests.Aws;

// The specifications of everything that reads or moves orders and stock outside the conformance suite — order
// e-mails, the assistant's orders, paying again, putting back in the cart, the dashboard's figures, the account,
// confirmation and back-office pages — run with Ordering, Inventory and Cart on DynamoDB.

public sealed class OrderEmailLookupOnDynamoDb(DynamoShop shop) : OrderEmailLookup(shop), IClassFixture<DynamoShop>;

public sealed class TalkingToTheAssistantOnDynamoDb(DynamoShop shop) : TalkingToTheAssistant(shop), IClassFixture<DynamoShop>;

public sealed class OrderAndStockPagesOnDynamoDb(DynamoShop shop) : OrderAndStockPages(shop), IClassFixture<DynamoShop>;

public sealed class SalesFiguresOnDynamoDb(DynamoShop shop) : SalesFiguresAfterPayment(shop), IClassFixture<DynamoShop>;

public sealed class PayingAgainOnDynamoDb(DynamoPipelineShop shop) : PayingAgain(shop), IClassFixture<DynamoPipelineShop>;

public sealed class OrderPagesAfterPaymentOnDynamoDb(DynamoPipelineShop shop) : OrderPagesAfterPayment(shop), IClassFixture<DynamoPipelineShop>;
