using System.Text;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;

namespace CloudMart.Tests.Aws;

/// <summary>
/// DynamoDB's documented capacity rules, as the recorder applies them when a call reports nothing: item sizes
/// (developerguide/CapacityUnitCalculations.html) and units (developerguide/read-write-operations.html), checked
/// against the documentation's own examples.
/// </summary>
public sealed class CapacityUnits
{
    private static AttributeValue S(string s) => new() { S = s };

    private static AttributeValue N(string n) => new() { N = n };

    private static Dictionary<string, AttributeValue> ItemOf(int bytes) => new() { ["PK"] = S("X"), ["blob"] = S(new string('a', bytes - 7)) };

    [Fact]
    public void An_item_is_its_attribute_names_and_values_in_utf8_bytes()
    {
        Assert.Equal(2 + 7, CapacityRules.ItemSize(new Dictionary<string, AttributeValue> { ["PK"] = S("ORDER#1") }));
        Assert.Equal(4 + Encoding.UTF8.GetByteCount("crème"), CapacityRules.ItemSize(new Dictionary<string, AttributeValue> { ["name"] = S("crème") }));
        Assert.Equal(4 + 1, CapacityRules.ItemSize(new Dictionary<string, AttributeValue> { ["paid"] = new() { BOOL = true } }));
        Assert.Equal(4 + 1, CapacityRules.ItemSize(new Dictionary<string, AttributeValue> { ["note"] = new() { NULL = true } }));
        Assert.Equal(4 + 3, CapacityRules.ItemSize(new Dictionary<string, AttributeValue> { ["blob"] = new() { B = new MemoryStream([1, 2, 3]) } }));
    }

    [Fact]
    public void A_number_is_about_one_byte_per_two_significant_digits_plus_one()
    {
        Assert.Equal(2, CapacityRules.NumberSize("7"));
        Assert.Equal(2, CapacityRules.NumberSize("100")); // trailing zeroes are trimmed
        Assert.Equal(2, CapacityRules.NumberSize("-0.0500"));
        Assert.Equal(4, CapacityRules.NumberSize("123.45"));
        Assert.Equal(4, CapacityRules.NumberSize("12345"));
    }

    [Fact]
    public void A_list_or_map_costs_three_bytes_plus_one_per_element()
    {
        var lines = new AttributeValue { L = [S("ab"), N("7")] };
        Assert.Equal(5 + 3 + (1 + 2) + (1 + 2), CapacityRules.ItemSize(new Dictionary<string, AttributeValue> { ["lines"] = lines }));
        var map = new AttributeValue { M = new Dictionary<string, AttributeValue> { ["sku"] = S("A-1") } };
        Assert.Equal(1 + 3 + 1 + 3 + 3, CapacityRules.ItemSize(new Dictionary<string, AttributeValue> { ["m"] = map }));
    }

    [Theory]
    [InlineData(1, false, 1)]
    [InlineData(1024, false, 1)]
    [InlineData(1025, false, 2)]
    [InlineData(3 * 1024, false, 3)] // the pricing page's example: a 3 KB standard write is 3 units
    [InlineData(3 * 1024, true, 6)] // … and 6 in a transaction
    public void A_write_is_one_unit_per_started_kilobyte_doubled_in_a_transaction(long bytes, bool transactional, double units) =>
        Assert.Equal(units, CapacityRules.WriteUnits(bytes, transactional));

    [Theory]
    [InlineData(3500, "Strong", 1)] // rounded up to 4 KB
    [InlineData(8 * 1024, "Strong", 2)]
    [InlineData(8 * 1024, "Eventual", 1)]
    [InlineData(8 * 1024, "Transactional", 4)]
    [InlineData(10 * 1024, "Strong", 3)] // 10 KB is charged as 12 KB
    [InlineData(0, "Eventual", 0.5)] // an item not found still costs the smallest read
    public void A_read_is_charged_per_started_four_kilobytes_by_consistency(long bytes, string kind, double units) =>
        Assert.Equal(units, CapacityRules.ReadUnits(bytes, Enum.Parse<ReadKind>(kind)));

    [Fact]
    public void A_query_rounds_its_items_sum_once_while_a_batch_rounds_each_item()
    {
        var query = CapacityRecorder.Use(new QueryRequest(), new QueryResponse { Items = [ItemOf(3 * 1024), ItemOf(3 * 1024)] })!;
        Assert.Equal(1.0, query.Computed); // 6 KB eventually consistent: two 4 KB chunks at half a unit

        // The documentation's example: 1.5 KB and 6.5 KB in one BatchGetItem are charged as 4 KB + 8 KB.
        var batch = CapacityRecorder.Use(
            new BatchGetItemRequest { RequestItems = new() { ["shop"] = new KeysAndAttributes { ConsistentRead = true } } },
            new BatchGetItemResponse { Responses = new() { ["shop"] = [ItemOf(1536), ItemOf(6656)] } })!;
        Assert.Equal(3.0, batch.Computed);
        Assert.False(batch.IsWrite);
    }

    [Fact]
    public void A_transaction_writes_each_item_at_twice_the_rate_and_an_empty_report_counts_as_not_measured()
    {
        var request = new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem { Put = new Put { Item = ItemOf(1500) } },
                new TransactWriteItem { Update = new Update { Key = new() { ["PK"] = S("STOCK#1") }, ExpressionAttributeValues = new() { [":q"] = N("2") } } },
            ],
        };

        var use = CapacityRecorder.Use(request, new TransactWriteItemsResponse { ConsumedCapacity = [] })!;

        Assert.Equal("TransactWriteItems", use.Operation);
        Assert.True(use.IsWrite);
        Assert.Equal(2 * 2 + 2 * 1, use.Computed);
        Assert.Null(use.Measured); // moto answers an empty list here
    }

    [Fact]
    public void What_the_service_reports_is_kept_as_measured_beside_the_computed_figure()
    {
        var use = CapacityRecorder.Use(
            new GetItemRequest { ConsistentRead = true },
            new GetItemResponse { Item = ItemOf(100), ConsumedCapacity = new ConsumedCapacity { CapacityUnits = 0.5 } })!;

        Assert.Equal(0.5, use.Measured);
        Assert.Equal(1.0, use.Computed);
    }
}
