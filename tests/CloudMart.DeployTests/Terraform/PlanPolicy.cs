using CloudMart.DeployTests.Infrastructure;

namespace CloudMart.DeployTests.Terraform;

/// <summary>
/// Compliance rules over a Terraform plan as JSON (`terraform show -json`): encryption at rest, prod protections,
/// no public ingress, no wildcard IAM, tags and log retention. Each violation names the root, the resource address
/// and the rule. CI runs the same checks on the real plans.
/// </summary>
internal static class PlanPolicy
{
    public static readonly string[] RequiredTags = ["app", "env", "owner"];

    public static void Check(JsonNode plan, string environment, string file, Violations violations)
    {
        var productionLike = environment is "stage" or "prod";
        var changes = plan["resource_changes"]!.AsArray().Select(c => c!).Where(c => c["mode"]!.GetValue<string>() == "managed").ToList();
        foreach (var change in changes)
        {
            var address = change["address"]!.GetValue<string>();
            var type = change["type"]!.GetValue<string>();
            var after = change["change"]!["after"] as JsonObject ?? [];
            var unknown = change["change"]!["after_unknown"] as JsonObject ?? [];
            void Rule(bool holds, string rule) => violations.Check(holds, file, address, rule);

            if (after.ContainsKey("tags_all"))
            {
                var tags = after["tags_all"] as JsonObject;
                Rule(tags is not null && RequiredTags.All(t => !string.IsNullOrEmpty(tags[t]?.GetValue<string>())), "tagged app, env and owner");
                Rule(tags?["env"]?.GetValue<string>() == environment, $"tagged env={environment}");
            }

            switch (type)
            {
                case "aws_dynamodb_table":
                    Rule(First(after, "server_side_encryption")?["enabled"]?.GetValue<bool>() == true, "encrypted at rest (server_side_encryption)");
                    if (productionLike)
                    {
                        Rule(First(after, "point_in_time_recovery")?["enabled"]?.GetValue<bool>() == true, "point-in-time recovery in stage and prod");
                        Rule(after["deletion_protection_enabled"]?.GetValue<bool>() == true, "deletion protection in stage and prod");
                    }
                    break;
                case "aws_rds_cluster":
                    Rule(after["storage_encrypted"]?.GetValue<bool>() == true, "storage encrypted");
                    Rule(after["backup_retention_period"]?.GetValue<int>() >= 1, "backed up");
                    if (productionLike)
                    {
                        Rule(after["deletion_protection"]?.GetValue<bool>() == true, "deletion protection in stage and prod");
                    }
                    Rule(after["publicly_accessible"]?.GetValue<bool>() != true, "not publicly accessible");
                    break;
                case "aws_rds_cluster_instance":
                    Rule(after["publicly_accessible"]?.GetValue<bool>() != true, "not publicly accessible");
                    break;
                case "aws_sqs_queue":
                    Rule(after["sqs_managed_sse_enabled"]?.GetValue<bool>() == true || after["kms_master_key_id"] is JsonValue, "encrypted at rest (SSE)");
                    break;
                case "aws_ecr_repository":
                    Rule(First(after, "encryption_configuration")?["encryption_type"]?.GetValue<string>() is "KMS" or "AES256", "encrypted at rest");
                    Rule(after["image_tag_mutability"]?.GetValue<string>() == "IMMUTABLE", "immutable tags");
                    Rule(First(after, "image_scanning_configuration")?["scan_on_push"]?.GetValue<bool>() == true, "images scanned on push");
                    break;
                case "aws_cloudwatch_log_group":
                    Rule(after["retention_in_days"]?.GetValue<int>() > 0, "log retention set");
                    break;
                case "aws_efs_file_system":
                    Rule(after["encrypted"]?.GetValue<bool>() == true, "encrypted at rest");
                    break;
                case "aws_sns_topic":
                    Rule(after["kms_master_key_id"] is JsonValue, "encrypted at rest (KMS)");
                    break;
                case "aws_kms_key":
                    Rule(after["enable_key_rotation"]?.GetValue<bool>() == true, "key rotation on");
                    break;
                case "aws_s3_bucket":
                    var name = change["name"]!.GetValue<string>();
                    var module = change["module_address"]?.GetValue<string>();
                    bool Sibling(string t) => changes.Any(c => c["type"]!.GetValue<string>() == t && c["name"]!.GetValue<string>() == name && c["module_address"]?.GetValue<string>() == module);
                    Rule(Sibling("aws_s3_bucket_public_access_block"), "public access blocked");
                    Rule(Sibling("aws_s3_bucket_server_side_encryption_configuration"), "encrypted at rest");
                    break;
                case "aws_vpc_security_group_ingress_rule":
                    Rule(after["cidr_ipv4"]?.GetValue<string>() != "0.0.0.0/0" && after["cidr_ipv6"]?.GetValue<string>() != "::/0", "no ingress from the internet (only the ALB, which its controller manages)");
                    break;
                case "aws_security_group":
                    foreach (var ingress in (after["ingress"] as JsonArray ?? []).Select(i => i!))
                    {
                        Rule(!(ingress["cidr_blocks"] as JsonArray ?? []).Any(c => c!.GetValue<string>() == "0.0.0.0/0"), "no ingress from the internet");
                    }
                    break;
                case "aws_eks_cluster":
                    var vpc = First(after, "vpc_config");
                    Rule(vpc?["endpoint_private_access"]?.GetValue<bool>() == true, "private API endpoint");
                    Rule(!(vpc?["public_access_cidrs"] as JsonArray ?? []).Any(c => c!.GetValue<string>() == "0.0.0.0/0"), "API not open to the internet");
                    Rule(after["encryption_config"] is JsonArray { Count: > 0 }, "Kubernetes secrets encrypted with KMS");
                    break;
                case "aws_iam_role_policy" or "aws_iam_policy":
                    if (after["policy"] is JsonValue policy) CheckIamPolicy(policy.GetValue<string>(), address, file, violations);
                    else Rule(unknown["policy"]?.GetValue<bool>() == true, "has a policy");
                    break;
                case "aws_iam_role_policy_attachment":
                    Rule(!(after["policy_arn"]?.GetValue<string>() ?? "").EndsWith("/AdministratorAccess", StringComparison.Ordinal), "no AdministratorAccess");
                    break;
            }
        }
    }

    /// <summary>No statement allows every action (`*` or `*:*`), and none allows a whole service on every resource.</summary>
    public static void CheckIamPolicy(string json, string address, string file, Violations violations)
    {
        var document = JsonNode.Parse(json)!;
        var statements = document["Statement"] is JsonArray array ? array.Select(s => s!) : [document["Statement"]!];
        foreach (var statement in statements)
        {
            if (statement["Effect"]?.GetValue<string>() != "Allow") continue;
            var actions = Strings(statement["Action"]);
            var resources = Strings(statement["Resource"]);
            violations.Check(!actions.Any(a => a is "*" or "*:*"), file, address, "no `*:*` IAM statement");
            violations.Check(!(resources.Contains("*") && actions.Any(a => a.EndsWith(":*", StringComparison.Ordinal))), file, address, "no service-wide action on every resource");
        }
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(x => x!.GetValue<string>()).ToList(),
        JsonValue v => [v.GetValue<string>()],
        _ => [],
    };

    private static JsonNode? First(JsonObject after, string block) => after[block] is JsonArray { Count: > 0 } a ? a[0] : null;
}
