using System.Text.RegularExpressions;
using CloudMart.DeployTests.Infrastructure;

namespace CloudMart.DeployTests.Terraform;

/// <summary>
/// Rules over the parsed Terraform of every module and root, for what `terraform validate` and the AWS plans cannot
/// check here: the Azure and GCP modules (their providers are not on the build machines), pinned providers and
/// remote state in every root, and the policy rules of all clouds in the source itself. Each violation names the
/// file, the block and the rule.
/// </summary>
public sealed partial class HclRules
{
    private static readonly string TerraformFolder = Repo.PathOf("deploy", "terraform");
    private static readonly Lazy<IReadOnlyList<HclBlock>> AllBlocks = new(() => Hcl.ParseFolder(TerraformFolder));

    private static IEnumerable<HclBlock> Resources(string type) => AllBlocks.Value.Where(b => b.Type == "resource" && b.Labels[0] == type);

    private static IReadOnlyList<HclBlock> Module(string name) => Hcl.ParseFolder(Path.Combine(TerraformFolder, "modules", name));

    [Fact]
    public void Every_file_parses_and_every_module_source_exists()
    {
        Assert.True(AllBlocks.Value.Count > 100, $"only {AllBlocks.Value.Count} blocks parsed");
        var violations = new Violations();
        foreach (var module in AllBlocks.Value.Where(b => b.Type == "module"))
        {
            var source = Hcl.StringValue(module.Attribute("source"));
            var folder = source is null ? null : Path.GetFullPath(Path.Combine(Repo.PathOf(Path.GetDirectoryName(module.File)!), source));
            violations.Check(folder is not null && Directory.EnumerateFiles(folder, "*.tf").Any(), module.File, $"module {module.Name}", $"source {source} is a module of this repository");
        }
        violations.AssertNone();
    }

    [Fact]
    public void The_parser_reads_blocks_labels_heredocs_and_nested_expressions()
    {
        var blocks = Hcl.Parse("""
            # comment
            resource "aws_x" "y" {
              a = "s ${var.z} \"q\"" // trailing
              b = { k = [1, 2], m = "}" }
              c = <<-EOT
                not } a block
              EOT
              nested {
                d = 1
              }
              dynamic "e" {
                for_each = []
                content {}
              }
            }
            locals { x = 1 }
            """, "inline.tf");
        Assert.Equal(2, blocks.Count);
        var resource = blocks[0];
        Assert.Equal(["aws_x", "y"], resource.Labels);
        Assert.Equal("\"s ${var.z} \\\"q\\\"\"", resource.Attribute("a")!.Trim());
        Assert.Contains("m = \"}\"", resource.Attribute("b"), StringComparison.Ordinal);
        Assert.Contains("not } a block", resource.Attribute("c"), StringComparison.Ordinal);
        Assert.Equal("1", resource.Child("nested")!.Attribute("d"));
        Assert.Equal(["e"], resource.Child("dynamic")!.Labels);
        Assert.Throws<FormatException>(() => Hcl.Parse("resource \"a\" \"b\" {\n  x = 1\n", "broken.tf"));
    }

    [Fact]
    public void Every_root_pins_terraform_and_its_providers_and_keeps_remote_state()
    {
        var violations = new Violations();
        var roots = Directory.EnumerateFiles(Path.Combine(TerraformFolder, "environments"), "main.tf", SearchOption.AllDirectories).ToList();
        Assert.True(roots.Count >= 14, "4 environments x 3 clouds + local + bootstrap");
        foreach (var root in roots)
        {
            var file = Repo.Relative(root);
            var terraform = Hcl.ParseFile(root).Single(b => b.Type == "terraform");
            violations.Check(terraform.Attribute("required_version") is not null, file, "terraform", "requires a Terraform version");
            var providers = terraform.Child("required_providers");
            violations.Check(providers is not null && providers.Attributes.Count > 0, file, "terraform", "declares its providers");
            foreach (var (name, expression) in providers?.Attributes ?? new Dictionary<string, string>())
            {
                violations.Check(ExactVersion().IsMatch(expression), file, $"provider {name}", "pinned to an exact version");
            }
            var cloud = Path.GetFileName(Path.GetDirectoryName(root));
            var backend = terraform.Child("backend");
            var expected = cloud switch { "aws" => "s3", "azure" => "azurerm", "gcp" => "gcs", _ => null };
            if (expected is null)
            {
                violations.Check(backend is null, file, "terraform", "local and bootstrap keep local state");
                continue;
            }
            violations.Check(backend?.Labels.SingleOrDefault() == expected, file, "terraform", $"remote state in {expected}");
            if (expected == "s3")
            {
                violations.Check(backend!.Attribute("dynamodb_table") is not null, file, "backend s3", "locks with DynamoDB");
                violations.Check(backend.Attribute("encrypt")?.Trim() == "true", file, "backend s3", "encrypted state");
                var tags = Hcl.ParseFile(root).Single(b => b.Type == "provider").Child("default_tags")?.Attribute("tags") ?? "";
                foreach (var tag in PlanPolicy.RequiredTags) violations.Check(Regex.IsMatch(tags, $@"\b{tag}\s*="), file, "provider aws", $"default tag {tag}");
            }
        }
        violations.AssertNone();
    }

    [Fact]
    public void No_iam_statement_in_any_cloud_grants_every_action()
    {
        var violations = new Violations();
        foreach (var block in AllBlocks.Value.SelectMany(b => b.Descendants().Prepend(b)))
        {
            foreach (var (name, expression) in block.Attributes)
            {
                if (name is "actions" or "Action" or "not_actions")
                {
                    violations.Check(!Regex.IsMatch(expression, @"""\*(:\*)?"""), block.File, $"{block.Type} {block.Name}", "no `*` or `*:*` actions");
                }
                if (name == "role" || name == "role_definition_name")
                {
                    violations.Check(!Regex.IsMatch(expression, @"roles/(owner|editor)""|""Owner""|""Contributor"""), block.File, $"{block.Type} {block.Name}", "no owner/editor/contributor role");
                }
            }
        }
        violations.Check(!Resources("google_project_iam_member").Any() && !Resources("google_project_iam_binding").Any(), "deploy/terraform", "google_project_iam_*", "no project-wide GCP grants");
        violations.AssertNone();
    }

    [Fact]
    public void Aws_data_is_encrypted_logs_are_retained_and_nothing_is_open_to_the_internet()
    {
        var violations = new Violations();
        foreach (var r in Resources("aws_cloudwatch_log_group")) violations.Check(r.Attribute("retention_in_days") is not null, r.File, r.Name, "log retention set");
        foreach (var r in Resources("aws_dynamodb_table")) violations.Check(r.Child("server_side_encryption")?.Attribute("enabled")?.Trim() == "true", r.File, r.Name, "encrypted at rest");
        foreach (var r in Resources("aws_sqs_queue")) violations.Check(r.Attribute("sqs_managed_sse_enabled")?.Trim() == "true" || r.Attribute("kms_master_key_id") is not null, r.File, r.Name, "encrypted at rest");
        foreach (var r in Resources("aws_ecr_repository")) violations.Check(r.Child("encryption_configuration") is not null && r.Attribute("image_tag_mutability") == "\"IMMUTABLE\"", r.File, r.Name, "encrypted, immutable tags");
        foreach (var r in Resources("aws_rds_cluster")) violations.Check(r.Attribute("storage_encrypted")?.Trim() == "true", r.File, r.Name, "storage encrypted");
        foreach (var r in Resources("aws_efs_file_system")) violations.Check(r.Attribute("encrypted")?.Trim() == "true", r.File, r.Name, "encrypted at rest");
        foreach (var r in Resources("aws_sns_topic")) violations.Check(r.Attribute("kms_master_key_id") is not null, r.File, r.Name, "encrypted at rest");
        foreach (var r in Resources("aws_s3_bucket"))
        {
            var siblings = Hcl.ParseFolder(Repo.PathOf(Path.GetDirectoryName(r.File)!));
            bool Has(string type) => siblings.Any(b => b.Type == "resource" && b.Labels[0] == type && (b.Attribute("bucket") ?? "").Contains($"aws_s3_bucket.{r.Labels[1]}.", StringComparison.Ordinal));
            violations.Check(Has("aws_s3_bucket_public_access_block"), r.File, r.Name, "public access blocked");
            violations.Check(Has("aws_s3_bucket_server_side_encryption_configuration"), r.File, r.Name, "encrypted at rest");
        }
        foreach (var r in Resources("aws_vpc_security_group_ingress_rule")) violations.Check(r.Attribute("cidr_ipv4") is null, r.File, r.Name, "ingress only from other security groups, never a CIDR");
        foreach (var r in Resources("aws_security_group")) violations.Check(!r.Children("ingress").Any(), r.File, r.Name, "no inline ingress rules");
        foreach (var r in Resources("aws_rds_cluster_instance")) violations.Check(r.Attribute("publicly_accessible") is null or "false", r.File, r.Name, "not public");
        violations.AssertNone();
    }

    [Fact]
    public void The_dynamodb_table_is_built_from_the_shared_definition_never_a_copy_of_it()
    {
        var module = Module("aws-data");
        var table = module.Single(b => b.Type == "resource" && b.Name == "aws_dynamodb_table.main");
        var locals = module.Where(b => b.Type == "locals").SelectMany(b => b.Attributes).ToDictionary(a => a.Key, a => a.Value);
        Assert.Contains("jsondecode(file(", locals["table"], StringComparison.Ordinal);
        Assert.Contains("dynamodb/table.json", locals["table"], StringComparison.Ordinal);
        // Attributes and indexes come only from the file: dynamic blocks, no literal ones.
        Assert.Empty(table.Children("attribute"));
        Assert.Empty(table.Children("global_secondary_index"));
        Assert.Equal(["attribute", "global_secondary_index", "ttl"], table.Children("dynamic").Select(d => d.Labels[0]).Order());
        // No key or index name of the definition is repeated anywhere in the Terraform.
        var definition = JsonNode.Parse(Repo.Read("deploy", "dynamodb", "table.json"))!;
        var names = definition["attributeDefinitions"]!.AsArray().Select(a => a!["name"]!.GetValue<string>())
            .Concat((definition["globalSecondaryIndexes"] as JsonArray ?? []).Select(i => i!["name"]!.GetValue<string>()));
        foreach (var file in Directory.EnumerateFiles(TerraformFolder, "*.tf", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (var name in names) Assert.DoesNotContain($"\"{name}\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Azure_language_keeps_its_key_in_key_vault_and_tags_everything()
    {
        var module = Module("azure-language");
        var violations = new Violations();
        var tags = module.Single(b => b.Type == "locals").Attribute("tags") ?? "";
        foreach (var tag in PlanPolicy.RequiredTags) violations.Check(Regex.IsMatch(tags, $@"\b{tag}\s*="), "deploy/terraform/modules/azure-language", "locals.tags", $"has {tag}");
        var untaggable = new HashSet<string> { "azurerm_role_assignment" };
        foreach (var r in module.Where(b => b.Type == "resource" && !untaggable.Contains(b.Labels[0])))
        {
            violations.Check(r.Attribute("tags")?.Trim() == "local.tags", r.File, r.Name, "tagged app, env, owner");
        }
        var account = module.Single(b => b.Name == "azurerm_cognitive_account.language");
        violations.Check(account.Attribute("kind") == "\"TextAnalytics\"", account.File, account.Name, "is an AI Language (TextAnalytics) account");
        var vault = module.Single(b => b.Name == "azurerm_key_vault.main");
        violations.Check(vault.Attribute("enable_rbac_authorization")?.Trim() == "true", vault.File, vault.Name, "RBAC, not access policies");
        violations.Check(vault.Attribute("purge_protection_enabled") is not null && vault.Attribute("soft_delete_retention_days") is not null, vault.File, vault.Name, "soft delete and purge protection");
        var secret = module.Single(b => b.Name == "azurerm_key_vault_secret.language_key");
        violations.Check(secret.Attribute("value")?.Trim() == "azurerm_cognitive_account.language.primary_access_key", secret.File, secret.Name, "holds the account's key");
        violations.Check(secret.Attribute("key_vault_id")?.Trim() == "azurerm_key_vault.main.id", secret.File, secret.Name, "in this vault");
        violations.Check(module.Any(b => b.Name == "azurerm_role_assignment.reader_secrets" && b.Attribute("role_definition_name") == "\"Key Vault Secrets User\""),
            "deploy/terraform/modules/azure-language", "azurerm_role_assignment.reader_secrets", "the app may only read secrets");
        violations.AssertNone();
    }

    [Fact]
    public void Gcp_analytics_partitions_every_table_by_day_and_lets_its_writer_into_its_dataset_only()
    {
        var module = Module("gcp-analytics");
        var violations = new Violations();
        var labels = module.Single(b => b.Type == "locals").Attribute("labels") ?? "";
        foreach (var tag in PlanPolicy.RequiredTags) violations.Check(Regex.IsMatch(labels, $@"\b{tag}\s*="), "deploy/terraform/modules/gcp-analytics", "locals.labels", $"has {tag}");
        foreach (var r in module.Where(b => b.Type == "resource" && b.Labels[0] is "google_bigquery_dataset" or "google_bigquery_table"))
        {
            violations.Check(r.Attribute("labels")?.Trim() == "local.labels", r.File, r.Name, "labelled app, env, owner");
        }
        var tables = module.Single(b => b.Name == "google_bigquery_table.tables");
        var partitioning = tables.Child("time_partitioning");
        violations.Check(partitioning?.Attribute("type") == "\"DAY\"", tables.File, tables.Name, "partitioned by day");
        violations.Check(partitioning?.Attribute("require_partition_filter")?.Trim() == "true", tables.File, tables.Name, "queries must filter on the partition");
        var tableDefinitions = module.Single(b => b.Type == "locals").Attribute("tables") ?? "";
        violations.Check(Regex.Count(tableDefinitions, @"partition_field\s*=") >= 3, tables.File, "local.tables", "orders, order lines and events each name their partition column");
        var grant = module.Single(b => b.Name == "google_bigquery_dataset_iam_member.writer");
        violations.Check(grant.Attribute("role") == "\"roles/bigquery.dataEditor\"", grant.File, grant.Name, "write access");
        violations.Check(grant.Attribute("dataset_id")?.Trim() == "google_bigquery_dataset.analytics.dataset_id", grant.File, grant.Name, "on this dataset only");
        violations.Check((grant.Attribute("member") ?? "").Contains("google_service_account.writer.email", StringComparison.Ordinal), grant.File, grant.Name, "for the writer service account");
        violations.Check(!module.Any(b => b.Type == "resource" && b.Labels[0].StartsWith("google_project_iam", StringComparison.Ordinal)), "deploy/terraform/modules/gcp-analytics", "module", "no project-level grant");
        violations.AssertNone();
    }

    [Fact]
    public void Each_environment_has_its_own_folder_per_cloud_and_prod_is_the_largest()
    {
        foreach (var environment in new[] { "dev", "qa", "stage", "prod" })
        {
            foreach (var cloud in new[] { "aws", "azure", "gcp" })
            {
                Assert.True(File.Exists(Path.Combine(TerraformFolder, "environments", environment, cloud, "main.tf")), $"environments/{environment}/{cloud}/main.tf");
            }
        }
        int Size(string environment, string attribute) =>
            int.Parse(Hcl.ParseFile(Path.Combine(TerraformFolder, "environments", environment, "aws", "main.tf")).Single(b => b.Type == "module").Attribute(attribute)!.Trim());
        Assert.True(Size("prod", "node_min") > Size("dev", "node_min"));
        Assert.True(Size("prod", "log_retention_days") >= Size("stage", "log_retention_days"));
        Assert.True(Size("prod", "db_backup_retention_days") > Size("qa", "db_backup_retention_days"));
    }

    [GeneratedRegex(@"version\s*=\s*""\d+\.\d+\.\d+""")]
    private static partial Regex ExactVersion();
}
