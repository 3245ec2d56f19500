using CloudMart.DeployTests.Infrastructure;

namespace CloudMart.DeployTests.Terraform;

/// <summary>
/// `terraform apply` of environments/local against the AWS emulator: the DynamoDB table Terraform creates has
/// exactly the key schema, indexes, stream, TTL, billing and point-in-time recovery of deploy/dynamodb/table.json
/// (the definition `cloudmart dynamodb create-table` reads), and the ECR repository is immutable and scanned;
/// `terraform destroy` removes them again.
/// </summary>
public sealed class TableDefinitionInTheEmulator
{
    [FactRequiring(Requirements.TerraformAws, Requirements.AwsEmulator)]
    public async Task The_table_terraform_applies_matches_the_shared_table_definition()
    {
        var url = await AwsEmulator.UrlAsync();
        var prefix = $"dt{Guid.NewGuid():N}"[..10] + "-";
        using var tree = TerraformTree.CopyOfDeployTree("apply");
        var root = tree.RootOf("environments/local");
        await tree.InitAsync(root);
        string[] vars = ["-var", $"aws_endpoint_url={url}", "-var", $"name_prefix={prefix}"];

        var apply = await TerraformTree.RunAsync(root, TimeSpan.FromMinutes(8), ["apply", "-auto-approve", "-input=false", "-no-color", "-lock=false", .. vars]);
        try
        {
            Assert.True(apply.ExitCode == 0, "terraform apply: " + apply.Describe());
            var outputs = JsonNode.Parse((await TerraformTree.RunAsync(root, TimeSpan.FromMinutes(3), "output", "-json", "-no-color")).Output)!;
            var tableName = outputs["table_name"]!["value"]!.GetValue<string>();
            Assert.Equal($"{prefix}cloudmart-local-shop", tableName);
            Assert.StartsWith("arn:aws:dynamodb:", outputs["table_stream_arn"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);

            var definition = JsonNode.Parse(Repo.Read("deploy", "dynamodb", "table.json"))!;
            var table = (await AwsEmulator.CallAsync(url, "dynamodb", "DynamoDB_20120810.DescribeTable", new { TableName = tableName }))!["Table"]!;

            Assert.Equal(Pairs(definition["keySchema"], "name", "keyType"), Pairs(table["KeySchema"], "AttributeName", "KeyType"));
            Assert.Equal(Pairs(definition["attributeDefinitions"], "name", "type").Order(), Pairs(table["AttributeDefinitions"], "AttributeName", "AttributeType").Order());
            var expectedIndexes = (definition["globalSecondaryIndexes"] as JsonArray ?? []).Select(i => i!)
                .ToDictionary(i => i["name"]!.GetValue<string>(), i => (Keys: Pairs(i["keySchema"], "name", "keyType"), Projection: i["projection"] is JsonObject p ? p["type"]!.GetValue<string>() : i["projection"]!.GetValue<string>()));
            var actualIndexes = (table["GlobalSecondaryIndexes"] as JsonArray ?? []).Select(i => i!)
                .ToDictionary(i => i["IndexName"]!.GetValue<string>(), i => (Keys: Pairs(i["KeySchema"], "AttributeName", "KeyType"), Projection: i["Projection"]!["ProjectionType"]!.GetValue<string>()));
            Assert.Equal(expectedIndexes.Keys.Order(), actualIndexes.Keys.Order());
            foreach (var (name, expected) in expectedIndexes)
            {
                Assert.Equal(expected.Keys, actualIndexes[name].Keys);
                Assert.Equal(expected.Projection, actualIndexes[name].Projection);
            }

            var stream = definition["streamViewType"]?.GetValue<string>();
            Assert.Equal(stream is not null, table["StreamSpecification"]?["StreamEnabled"]?.GetValue<bool>() == true);
            if (stream is not null) Assert.Equal(stream, table["StreamSpecification"]!["StreamViewType"]!.GetValue<string>());
            Assert.Equal(definition["billingMode"]!.GetValue<string>(), table["BillingModeSummary"]?["BillingMode"]?.GetValue<string>() ?? "PROVISIONED");

            var ttl = (await AwsEmulator.CallAsync(url, "dynamodb", "DynamoDB_20120810.DescribeTimeToLive", new { TableName = tableName }))!["TimeToLiveDescription"]!;
            if (definition["ttlAttribute"]?.GetValue<string>() is { } ttlAttribute)
            {
                Assert.Equal(ttlAttribute, ttl["AttributeName"]?.GetValue<string>());
                Assert.Equal("ENABLED", ttl["TimeToLiveStatus"]?.GetValue<string>());
            }
            var backups = (await AwsEmulator.CallAsync(url, "dynamodb", "DynamoDB_20120810.DescribeContinuousBackups", new { TableName = tableName }))!;
            var pitr = backups["ContinuousBackupsDescription"]!["PointInTimeRecoveryDescription"]!["PointInTimeRecoveryStatus"]!.GetValue<string>();
            Assert.Equal(definition["pointInTimeRecovery"]?.GetValue<bool>() == true ? "ENABLED" : "DISABLED", pitr);

            var repositories = (await AwsEmulator.CallAsync(url, "ecr", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", new { repositoryNames = new[] { $"{prefix}cloudmart-local/shop" } }))!;
            var repository = Assert.Single(repositories["repositories"]!.AsArray())!;
            Assert.Equal("IMMUTABLE", repository["imageTagMutability"]!.GetValue<string>());
            Assert.True(repository["imageScanningConfiguration"]!["scanOnPush"]!.GetValue<bool>());
        }
        finally
        {
            var destroy = await TerraformTree.RunAsync(root, TimeSpan.FromMinutes(8), ["destroy", "-auto-approve", "-input=false", "-no-color", "-lock=false", .. vars]);
            Assert.True(destroy.ExitCode == 0, "terraform destroy: " + destroy.Describe());
        }

        var gone = await Assert.ThrowsAsync<HttpRequestException>(() => AwsEmulator.CallAsync(url, "dynamodb", "DynamoDB_20120810.DescribeTable", new { TableName = $"{prefix}cloudmart-local-shop" }));
        Assert.Contains("ResourceNotFoundException", gone.Message, StringComparison.Ordinal);
    }

    private static List<string> Pairs(JsonNode? array, string first, string second) =>
        (array as JsonArray ?? []).Select(n => $"{n![first]!.GetValue<string>()}:{n[second]!.GetValue<string>()}").ToList();
}
