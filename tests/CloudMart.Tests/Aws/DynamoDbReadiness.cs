namespace CloudMart.Tests.Aws;

/// <summary>/health/ready tells an orchestrator whether the DynamoDB table can serve, and why not.</summary>
public sealed class DynamoDbReadiness(DynamoShop shop) : IClassFixture<DynamoShop>
{
    [Fact]
    public async Task Ready_while_the_table_is_active_and_unready_naming_the_table_once_it_is_gone()
    {
        var client = shop.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var healthy = (await ready.Json()).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "dynamodb");
        Assert.Equal("Healthy", healthy.GetProperty("status").GetString());

        using (var dynamo = shop.EmulatorClient())
        {
            await dynamo.DeleteTableAsync(shop.TableName);
        }

        var gone = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        var check = (await gone.Json()).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "dynamodb");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains(shop.TableName, check.GetProperty("Description").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", check.GetProperty("Description").GetString(), StringComparison.Ordinal);
    }
}
