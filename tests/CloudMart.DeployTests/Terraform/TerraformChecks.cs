using CloudMart.DeployTests.Infrastructure;

namespace CloudMart.DeployTests.Terraform;

/// <summary>
/// `terraform fmt -check` over every module and root, `terraform validate` of the AWS roots that are not planned
/// below, and the plan of each AWS environment (against the emulator, so no account is needed) checked by the
/// compliance rules as JSON.
/// </summary>
public sealed class TerraformChecks
{
    [FactRequiring("terraform")]
    public async Task Every_module_and_root_is_formatted()
    {
        var result = await Tools.RunAsync("terraform", ["fmt", "-check", "-recursive", "-diff", "-no-color", Repo.PathOf("deploy", "terraform")], environment: TerraformTree.Environment_);
        Assert.True(result.ExitCode == 0, "terraform fmt -check found unformatted files (run `terraform fmt -recursive deploy/terraform`): " + result.Describe());
    }

    [FactRequiring(Requirements.TerraformAws)]
    public async Task The_bootstrap_and_local_roots_validate()
    {
        using var tree = TerraformTree.CopyOfDeployTree("validate");
        foreach (var root in new[] { "environments/bootstrap", "environments/local" })
        {
            var dir = tree.RootOf(root);
            await tree.InitAsync(dir, backend: false);
            var result = await TerraformTree.RunAsync(dir, TimeSpan.FromMinutes(5), "validate", "-no-color");
            Assert.True(result.ExitCode == 0, $"terraform validate {root}: {result.Describe()}");
        }
    }

    public static TheoryData<string> Environments => new() { "dev", "qa", "stage", "prod" };

    [TheoryRequiring(Requirements.TerraformAws, Requirements.AwsEmulator)]
    [MemberData(nameof(Environments))]
    public async Task Each_aws_environment_plans_and_its_plan_passes_the_compliance_rules(string environment)
    {
        var url = await AwsEmulator.UrlAsync();
        using var tree = TerraformTree.CopyOfDeployTree($"plan-{environment}");
        var root = tree.RootOf($"environments/{environment}/aws");
        // The real backend (S3) and provider (a real account) swapped for local state and the emulator; the
        // configuration under test is unchanged.
        File.WriteAllText(Path.Combine(root, "zz_test_override.tf"), $$"""
            terraform {
              backend "local" {}
            }

            provider "aws" {
              access_key                  = "testing"
              secret_key                  = "testing"
              skip_credentials_validation = true
              skip_metadata_api_check     = true
              skip_requesting_account_id  = true
              endpoints {
                ec2 = "{{url}}"
                sts = "{{url}}"
                iam = "{{url}}"
              }
            }
            """);
        var package = Path.Combine(root, "order-workflow.zip");
        File.WriteAllBytes(package, [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        await tree.InitAsync(root);

        // prod also plans the optional parts (the function, CodePipeline), so the rules see every module.
        string[] extra = environment == "prod" ? ["-var", $"lambda_package={package}", "-var", "codepipeline=true"] : [];
        var plan = await TerraformTree.RunAsync(root, TimeSpan.FromMinutes(8),
            ["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false", "-out=plan.bin", "-var", "github_repository=cloudmart/cloudmart", .. extra]);
        Assert.True(plan.ExitCode == 0, $"terraform plan of {environment}: {plan.Describe()}");
        var show = await TerraformTree.RunAsync(root, TimeSpan.FromMinutes(5), "show", "-json", "-no-color", "plan.bin");
        Assert.True(show.ExitCode == 0, show.Describe());
        var json = JsonNode.Parse(show.Output)!;

        var types = json["resource_changes"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()).ToHashSet();
        foreach (var expected in new[] { "aws_vpc", "aws_eks_cluster", "aws_eks_node_group", "aws_ecr_repository", "aws_dynamodb_table", "aws_sqs_queue", "aws_rds_cluster",
                     "aws_secretsmanager_secret", "aws_iam_openid_connect_provider", "aws_cloudwatch_log_group", "aws_cloudwatch_metric_alarm", "aws_sns_topic", "aws_efs_file_system" })
        {
            Assert.Contains(expected, types);
        }
        if (environment == "prod")
        {
            Assert.Contains("aws_lambda_function", types);
            Assert.Contains("aws_lambda_event_source_mapping", types);
            Assert.Contains("aws_codepipeline", types);
            Assert.Contains("aws_codebuild_project", types);
        }

        var violations = new Violations();
        PlanPolicy.Check(json, environment, $"deploy/terraform/environments/{environment}/aws", violations);
        violations.AssertNone();
    }

    [Fact]
    public void The_policy_rules_catch_what_they_are_meant_to()
    {
        // A plan that breaks every rule once: the checks above cannot pass on a plan like this.
        var plan = JsonNode.Parse("""
            {"resource_changes": [
              {"address": "aws_dynamodb_table.t", "mode": "managed", "type": "aws_dynamodb_table", "name": "t",
               "change": {"after": {"server_side_encryption": [{"enabled": false}], "point_in_time_recovery": [{"enabled": false}], "deletion_protection_enabled": false,
                          "tags_all": {"app": "cloudmart", "env": "prod"}}, "after_unknown": {}}},
              {"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "change": {"after": {"sqs_managed_sse_enabled": false}, "after_unknown": {}}},
              {"address": "aws_cloudwatch_log_group.l", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "l", "change": {"after": {"retention_in_days": 0}, "after_unknown": {}}},
              {"address": "aws_vpc_security_group_ingress_rule.r", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "r", "change": {"after": {"cidr_ipv4": "0.0.0.0/0"}, "after_unknown": {}}},
              {"address": "aws_iam_role_policy.p", "mode": "managed", "type": "aws_iam_role_policy", "name": "p",
               "change": {"after": {"policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}, "after_unknown": {}}},
              {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "change": {"after": {}, "after_unknown": {}}}
            ]}
            """)!;
        var violations = new Violations();
        PlanPolicy.Check(plan, "prod", "test-plan", violations);
        string[] expected =
        [
            "aws_dynamodb_table.t: tagged app, env and owner", "aws_dynamodb_table.t: encrypted at rest (server_side_encryption)",
            "aws_dynamodb_table.t: point-in-time recovery in stage and prod", "aws_dynamodb_table.t: deletion protection in stage and prod",
            "aws_sqs_queue.q: encrypted at rest (SSE)", "aws_cloudwatch_log_group.l: log retention set",
            "aws_vpc_security_group_ingress_rule.r: no ingress from the internet", "aws_iam_role_policy.p: no `*:*` IAM statement",
            "aws_s3_bucket.b: public access blocked", "aws_s3_bucket.b: encrypted at rest",
        ];
        foreach (var e in expected)
        {
            Assert.Contains(violations.Found, v => v.StartsWith("test-plan: " + e, StringComparison.Ordinal));
        }
    }
}
