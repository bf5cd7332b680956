using System.Text.Json;

namespace SocarDataLake.Simulate.Plan;

/// <summary>The plan file is missing or is not a Terraform plan of the lake; the message says what to do.</summary>
public sealed class PlanException(string message) : Exception(message);

/// <summary>
/// Reads the settings the simulation needs from `terraform show -json` of the lake (the build's offline plan,
/// artifacts/plan-dev.json). A value the plan does not set takes AWS's documented default, and says so.
/// A value the offline plan cannot know (it is built from an ARN not yet created, such as an SQS redrive
/// policy) is resolved from the module's configuration: the expression's constant, the root variable it
/// references, or the module variable's default.
/// </summary>
public static class PlanReader
{
    public const string HowToMakeIt = "make it with `./build.sh --target=Plan` (it writes artifacts/plan-dev.json), or pass --plan <file>";

    public static LakeSettings Read(string path)
    {
        if (!File.Exists(path)) throw new PlanException($"plan file '{path}' not found: {HowToMakeIt}.");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new PlanException($"plan file '{path}' is not JSON ({e.Message}): {HowToMakeIt}.");
        }
        using (doc) return Read(doc.RootElement, path);
    }

    public static LakeSettings Read(JsonElement plan, string path)
    {
        if (!plan.TryGetProperty("resource_changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
            throw new PlanException($"plan file '{path}' has no resource_changes: it is not `terraform show -json` of a plan; {HowToMakeIt}.");
        var resources = changes.EnumerateArray().Select(r => new Resource(
            r.GetProperty("address").GetString()!, r.GetProperty("type").GetString()!,
            r.GetProperty("change").TryGetProperty("after", out var after) ? after : default)).ToList();
        var reader = new Reader(plan, resources, path);
        return reader.Settings();
    }

    private sealed record Resource(string Address, string Type, JsonElement After)
    {
        public string ModulePath => Address.LastIndexOf(Type + ".", StringComparison.Ordinal) is var i and > 0 ? Address[..i] : "";

        public JsonElement? Get(string name) =>
            After.ValueKind == JsonValueKind.Object && After.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

        /// <summary>A nested block's attribute: blocks are arrays of one object in plan JSON.</summary>
        public JsonElement? Block(string block, string name)
        {
            var b = Get(block);
            if (b is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0) return null;
            var first = array[0];
            return first.ValueKind == JsonValueKind.Object && first.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
        }
    }

    private sealed class Reader(JsonElement plan, List<Resource> resources, string path)
    {
        private IEnumerable<Resource> OfType(string type) => resources.Where(r => r.Type == type);

        private Resource Required(string type, Func<Resource, bool> match, string what) =>
            OfType(type).FirstOrDefault(match)
            ?? throw new PlanException($"plan file '{path}' has no {type} for {what}: is it a plan of the lake's envs/<env>? {HowToMakeIt}.");

        public LakeSettings Settings()
        {
            // The ingest mapping: module.ingestion's, not the reconcile queue's (orchestration v2 adds a second one).
            var mapping = OfType("aws_lambda_event_source_mapping").FirstOrDefault(m => m.ModulePath == "module.ingestion.")
                ?? Required("aws_lambda_event_source_mapping", m => !m.Address.EndsWith(".reconcile", StringComparison.Ordinal), "the ingest queue → glue-trigger event source mapping");
            var queue = OfType("aws_sqs_queue").FirstOrDefault(q => q.ModulePath == mapping.ModulePath && q.Address.EndsWith("aws_sqs_queue.this", StringComparison.Ordinal))
                ?? Required("aws_sqs_queue", q => q.Get("name")?.GetString()?.EndsWith("-ingest", StringComparison.Ordinal) == true, "the ingest queue");
            var where = (Resource r, string attribute) => $"{r.Address} {attribute}";

            var datasets = Output("datasets")?.EnumerateArray().Select(e => e.GetString()!).ToList()
                ?? OfType("aws_glue_job").Select(j => j.Address.Split('"').ElementAtOrDefault(1) ?? "").Where(n => n.Length > 0).ToList();
            var firehoses = OfType("aws_kinesis_firehose_delivery_stream").ToList();
            var streamed = firehoses.Select(f => f.Block("extended_s3_configuration", "prefix")?.GetString()?.Split('/')[0] ?? "").Where(d => d.Length > 0).ToList();
            var glueTrigger = Function("glue-trigger");
            var etlTrigger = Function("etl-trigger");
            var opsNotifier = Function("ops-notifier");
            var etlEnvironment = etlTrigger.Block("environment", "variables");
            string? EtlVariable(string name)
            {
                if (etlEnvironment is not { ValueKind: JsonValueKind.Object } env || !env.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
                // Lambda takes only strings as environment values (Terraform's map(string) turns 60 into "60"), so a
                // number or boolean here is a hand-edited plan, never what etl-trigger would see.
                return v.ValueKind == JsonValueKind.String ? v.GetString()
                    : throw new PlanException($"plan file '{path}': etl-trigger's environment variable {name} is {v.GetRawText()}, a JSON {(v.ValueKind is JsonValueKind.True or JsonValueKind.False ? "boolean" : v.ValueKind.ToString().ToLowerInvariant())}; Lambda environment values are strings: write \"{v.GetRawText()}\".");
            }
            var crawlerPrefix = EtlVariable("LAKE_CRAWLER_PREFIX") ?? CommonPrefix(Output("crawler_names"), datasets) ?? "lake-";
            var jobPrefix = EtlVariable("LAKE_JOB_PREFIX") ?? CommonPrefix(Output("job_names"), datasets) ?? "lake-";
            var planUris = PlanUris(EtlVariable("LAKE_PLAN_URIS"), datasets);

            var job = Required("aws_glue_job", _ => true, "the datasets' ETL jobs");
            var firehose = firehoses.FirstOrDefault();

            return new LakeSettings
            {
                PlanFile = path,
                Datasets = datasets,
                StreamedDatasets = streamed,
                CrawlerPrefix = crawlerPrefix,
                JobPrefix = jobPrefix,
                PlanUris = planUris,
                IngestQueue = Queue(queue, mapping, "max_receive_count", "the ingest queue"),
                GlueTrigger = Lambda("glue-trigger", glueTrigger),
                EtlTrigger = Lambda("etl-trigger", etlTrigger),
                OpsNotifier = Lambda("ops-notifier", opsNotifier),
                // The wiring before v2 had a rule for crawler successes; v2's crawler-finished also matches them.
                CrawlerSucceededTarget = Target("Glue Crawler State Change", "crawlerName", "-crawler-succeeded", "-crawler-finished"),
                JobFinishedTarget = Target("Glue Job State Change", "jobName", "-job-finished"),
                JobMaxConcurrentRuns = job.Block("execution_property", "max_concurrent_runs") is { } runs
                    ? Setting.FromPlan<int>(runs.GetInt32(), where(job, "execution_property.max_concurrent_runs"))
                    : Setting.AwsDefault<int>(1, "ExecutionProperty (MaxConcurrentRuns default 1)"),
                JobTimeoutMinutes = Number(job, "timeout", 2880, "CreateJob Timeout (default 2,880 minutes)"),
                JobMaxRetries = Integer(job, "max_retries", 0, "CreateJob MaxRetries (default 0)"),
                JobWorkerType = job.Get("worker_type") is { } wt
                    ? Setting.FromPlan<string>(wt.GetString()!, where(job, "worker_type"))
                    : Setting.AwsDefault<string>("G.1X", "AWS Glue worker types"),
                JobWorkers = Integer(job, "number_of_workers", 10, "AWS Glue job properties (10 DPUs by default)"),
                JobRunQueuing = job.Get("job_run_queuing_enabled") is { ValueKind: JsonValueKind.True or JsonValueKind.False } q
                    ? Setting.FromPlan<bool>(q.GetBoolean(), where(job, "job_run_queuing_enabled"))
                    : Setting.AwsDefault<bool>(false, "Job run queuing (off unless enabled)"),
                Reconcile = Reconcile(EtlVariable),
                FirehoseBufferSizeMiB = firehose?.Block("extended_s3_configuration", "buffering_size") is { } size
                    ? Setting.FromPlan<double>(size.GetDouble(), where(firehose, "buffering_size"))
                    : Setting.AwsDefault<double>(5, "BufferingHints (SizeInMBs default 5)"),
                FirehoseBufferIntervalSeconds = firehose?.Block("extended_s3_configuration", "buffering_interval") is { } interval
                    ? Setting.FromPlan<double>(interval.GetDouble(), where(firehose, "buffering_interval"))
                    : Setting.AwsDefault<double>(300, "BufferingHints (IntervalInSeconds default 300)"),
            };
        }

        private JsonElement? Output(string name) =>
            plan.TryGetProperty("output_changes", out var outputs) && outputs.TryGetProperty(name, out var o)
            && o.TryGetProperty("after", out var after) && after.ValueKind != JsonValueKind.Null ? after : null;

        private static string? CommonPrefix(JsonElement? names, List<string> datasets)
        {
            if (names is not { ValueKind: JsonValueKind.Object } map) return null;
            foreach (var entry in map.EnumerateObject())
            {
                var name = entry.Value.GetString() ?? "";
                if (datasets.Contains(entry.Name) && name.EndsWith(entry.Name, StringComparison.Ordinal)) return name[..^entry.Name.Length];
            }
            return null;
        }

        private static Dictionary<string, string> PlanUris(string? json, List<string> datasets)
        {
            if (json is not null)
            {
                using var doc = JsonDocument.Parse(json);
                return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            }
            // The etl-trigger only checks that a dataset has a plan; the URI itself is never read in the simulation.
            return datasets.ToDictionary(d => d, d => $"s3://simulated-artifacts/glue/plans/{d}.json", StringComparer.Ordinal);
        }

        private Resource Function(string suffix) =>
            Required("aws_lambda_function", f => f.Get("function_name")?.GetString()?.EndsWith("-" + suffix, StringComparison.Ordinal) == true
                || f.Address.Contains(suffix.Replace('-', '_'), StringComparison.Ordinal), $"the {suffix} function");

        private LambdaSettings Lambda(string name, Resource function)
        {
            const string asyncPage = "Configuring error handling for asynchronous invocation";
            var invokeConfig = OfType("aws_lambda_function_event_invoke_config").FirstOrDefault(c => c.ModulePath == function.ModulePath
                || c.Get("function_name")?.GetString() == function.Get("function_name")?.GetString());
            var reserved = function.Get("reserved_concurrent_executions") is { } r && r.GetInt32() >= 0
                ? Setting.FromPlan<int?>(r.GetInt32(), $"{function.Address} reserved_concurrent_executions")
                : Setting.AwsDefault<int?>(null, "Lambda function scaling (unreserved: the account's concurrency, 1,000 by default)");
            var onFailure = invokeConfig?.Block("destination_config", "on_failure") is { ValueKind: JsonValueKind.Array } d && d.GetArrayLength() > 0;
            return new LambdaSettings(
                name,
                Number(function, "timeout", 3, "Configuring Lambda function timeout (default 3 s)"),
                Integer(function, "memory_size", 128, "Configuring Lambda function memory (default 128 MB)"),
                reserved,
                invokeConfig is null
                    ? Setting.AwsDefault<int>(2, $"{asyncPage} (no aws_lambda_function_event_invoke_config: 2 retries)")
                    : Integer(invokeConfig, "maximum_retry_attempts", 2, asyncPage),
                invokeConfig is null
                    ? Setting.AwsDefault<double>(21600, $"{asyncPage} (no aws_lambda_function_event_invoke_config: 6 hours)")
                    : Number(invokeConfig, "maximum_event_age_in_seconds", 21600, asyncPage),
                invokeConfig is not null && onFailure
                    ? Setting.FromPlan<bool>(true, $"{invokeConfig.Address} destination_config.on_failure")
                    : Setting.AwsDefault<bool>(false, $"{asyncPage} (no on-failure destination: exhausted events are discarded)"));
        }

        /// <summary>
        /// The target of the first rule on <paramref name="detailType"/> whose name ends with one of
        /// <paramref name="preferredNameEnds"/> (in order), or of any rule on it.
        /// </summary>
        private EventTargetSettings Target(string detailType, string nameField, params string[] preferredNameEnds)
        {
            var rules = OfType("aws_cloudwatch_event_rule").Where(r => r.Get("event_pattern")?.GetString()?.Contains(detailType, StringComparison.Ordinal) == true).ToList();
            var rule = preferredNameEnds.Select(end => rules.FirstOrDefault(r => r.Get("name")?.GetString()?.EndsWith(end, StringComparison.Ordinal) == true)).FirstOrDefault(r => r is not null)
                ?? rules.FirstOrDefault()
                ?? throw new PlanException($"plan file '{path}' has no aws_cloudwatch_event_rule for \"{detailType}\": is it a plan of the lake's envs/<env>? {HowToMakeIt}.");
            return TargetOf(rule, detailType, nameField);
        }

        private EventTargetSettings TargetOf(Resource rule, string detailType, string nameField)
        {
            const string retryPage = "How EventBridge retries delivering events (default 185 attempts, 24 hours)";
            var ruleName = rule.Get("name")?.GetString() ?? rule.Address;
            using var pattern = JsonDocument.Parse(rule.Get("event_pattern")?.GetString() ?? "{}");
            var detail = pattern.RootElement.TryGetProperty("detail", out var d) ? d : default;
            var states = detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("state", out var s) ? s.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            var prefix = detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty(nameField, out var n) && n[0].ValueKind == JsonValueKind.Object && n[0].TryGetProperty("prefix", out var p)
                ? p.GetString()! : "";
            var target = OfType("aws_cloudwatch_event_target").FirstOrDefault(t => t.Get("rule")?.GetString() == ruleName);
            if (target is null)
                return new EventTargetSettings(ruleName, detailType, states, prefix, Setting.AwsDefault<int>(185, retryPage), Setting.AwsDefault<double>(86400, retryPage),
                    Setting.AwsDefault<bool>(false, "Using dead-letter queues to process undelivered events in EventBridge (none unless set)"));
            var attempts = target.Block("retry_policy", "maximum_retry_attempts") is { } a
                ? Setting.FromPlan<int>(a.GetInt32(), $"{target.Address} retry_policy.maximum_retry_attempts") : Setting.AwsDefault<int>(185, retryPage);
            var age = target.Block("retry_policy", "maximum_event_age_in_seconds") is { } g
                ? Setting.FromPlan<double>(g.GetDouble(), $"{target.Address} retry_policy.maximum_event_age_in_seconds") : Setting.AwsDefault<double>(86400, retryPage);
            var dlq = target.Get("dead_letter_config") is { ValueKind: JsonValueKind.Array } block && block.GetArrayLength() > 0
                ? Setting.FromPlan<bool>(true, $"{target.Address} dead_letter_config")
                : Setting.AwsDefault<bool>(false, "Using dead-letter queues to process undelivered events in EventBridge (none unless set)");
            return new EventTargetSettings(ruleName, detailType, states, prefix, attempts, age, dlq);
        }

        /// <summary>
        /// Orchestration v2's settings when the plan has its reconcile queue (module orchestration), else null (the
        /// spec's values apply).
        /// </summary>
        private ReconcileSettings? Reconcile(Func<string, string?> etlVariable)
        {
            var queue = OfType("aws_sqs_queue").FirstOrDefault(q => q.Address.EndsWith("aws_sqs_queue.reconcile", StringComparison.Ordinal));
            var mapping = OfType("aws_lambda_event_source_mapping").FirstOrDefault(m => m.Address.EndsWith("aws_lambda_event_source_mapping.reconcile", StringComparison.Ordinal));
            if (queue is null || mapping is null) return null;
            EventTargetSettings Rule(string nameEnd, string detailType, string nameField) =>
                OfType("aws_cloudwatch_event_rule").FirstOrDefault(r => r.Get("name")?.GetString()?.EndsWith(nameEnd, StringComparison.Ordinal) == true) is { } rule
                    ? TargetOf(rule, detailType, nameField)
                    : throw new PlanException($"plan file '{path}' has the reconcile queue but no rule named *{nameEnd}: {HowToMakeIt}.");
            var sweep = OfType("aws_cloudwatch_event_rule").FirstOrDefault(r => r.Get("schedule_expression") is not null);
            var sweepTarget = sweep is null ? null : TargetOf(sweep, "Scheduled Event", "");
            // The same rule etl-trigger applies at cold start (ReconcileSettings): a setting it would refuse is refused here.
            Setting<double> Knob(string name)
            {
                if (etlVariable(name) is not { Length: > 0 } text)
                    return new Setting<double>(0, SettingOrigin.Design, $"etl-trigger's default for {name} (the plan sets none)");
                try
                {
                    var seconds = (name == "LAKE_MIN_CRAWL_INTERVAL_SECONDS" ? SocarDataLake.Core.Orchestration.ReconcileSettings.MinCrawlInterval(_ => text)
                        : SocarDataLake.Core.Orchestration.ReconcileSettings.MinJobInterval(_ => text)).TotalSeconds;
                    return Setting.FromPlan<double>(seconds, $"etl-trigger environment {name}");
                }
                catch (InvalidOperationException e)
                {
                    throw new PlanException($"plan file '{path}': etl-trigger's {e.Message}");
                }
            }
            return new ReconcileSettings
            {
                Queue = Queue(queue, mapping, "reconcile_max_receive_count", "the reconcile queue"),
                CrawlerFinishedTarget = Rule("-crawler-finished", "Glue Crawler State Change", "crawlerName"),
                JobFinishedTarget = Rule("-job-finished", "Glue Job State Change", "jobName"),
                CrawlerFailedTarget = Rule("-crawler-failed", "Glue Crawler State Change", "crawlerName"),
                SweepTarget = sweepTarget ?? throw new PlanException($"plan file '{path}' has the reconcile queue but no scheduled sweep rule: {HowToMakeIt}."),
                SweepMinutes = SweepMinutes(sweep!),
                MinCrawlIntervalSeconds = Knob("LAKE_MIN_CRAWL_INTERVAL_SECONDS"),
                MinJobIntervalSeconds = Knob("LAKE_MIN_JOB_INTERVAL_SECONDS"),
                JobWaitsForCrawl = etlVariable("LAKE_JOB_WAITS_FOR_CRAWL") is { Length: > 0 } waits
                    ? Setting.FromPlan<bool>(waits switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new PlanException($"plan file '{path}': etl-trigger's LAKE_JOB_WAITS_FOR_CRAWL must be true or false, not '{waits}'."),
                    }, "etl-trigger environment LAKE_JOB_WAITS_FOR_CRAWL")
                    : new Setting<bool>(true, SettingOrigin.Design, "etl-trigger's default for LAKE_JOB_WAITS_FOR_CRAWL (the plan sets none)"),
            };
        }

        /// <summary>rate(N minutes) or rate(1 minute) (Schedule expressions for rules: rate(value unit)).</summary>
        private Setting<double> SweepMinutes(Resource rule)
        {
            var expression = rule.Get("schedule_expression")!.Value.GetString()!;
            var parts = expression.StartsWith("rate(", StringComparison.Ordinal) && expression.EndsWith(')') ? expression["rate(".Length..^1].Split(' ') : [];
            if (!expression.StartsWith("rate(", StringComparison.Ordinal) || parts.Length != 2 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                throw new PlanException($"plan file '{path}': {rule.Address} schedule_expression '{expression}' is not rate(N minutes|hours).");
            var minutes = parts[1].StartsWith("hour", StringComparison.Ordinal) ? value * 60 : parts[1].StartsWith("day", StringComparison.Ordinal) ? value * 1440 : value;
            return Setting.FromPlan<double>(minutes, $"{rule.Address} schedule_expression");
        }

        /// <summary>A queue's settings and those of the event source mapping that reads it, each where the plan has it.</summary>
        private QueueSettings Queue(Resource queue, Resource mapping, string maxReceiveCountVariable, string what) => new()
        {
            VisibilityTimeoutSeconds = Number(queue, "visibility_timeout_seconds", 30, "Amazon SQS visibility timeout (default 30 s)"),
            MaxReceiveCount = MaxReceiveCount(queue, maxReceiveCountVariable, what),
            MessageRetentionSeconds = Number(queue, "message_retention_seconds", 345600, "Amazon SQS message retention (default 4 days)"),
            BatchSize = Integer(mapping, "batch_size", 10, "Lambda parameters for Amazon SQS event source mappings (BatchSize default 10)"),
            BatchingWindowSeconds = Number(mapping, "maximum_batching_window_in_seconds", 0, "Lambda parameters for Amazon SQS event source mappings (window default 0)"),
            MaximumConcurrency = mapping.Block("scaling_config", "maximum_concurrency") is { } mc
                ? Setting.FromPlan<int?>(mc.GetInt32(), $"{mapping.Address} scaling_config.maximum_concurrency")
                : Setting.AwsDefault<int?>(null, "Configuring scaling behavior for SQS event source mappings (no maximum: up to 1,000)"),
        };

        private Setting<int> MaxReceiveCount(Resource queue, string moduleVariable, string what)
        {
            const string attribute = "redrive_policy.maxReceiveCount";
            if (queue.Get("redrive_policy") is { ValueKind: JsonValueKind.String } policy)
            {
                using var doc = JsonDocument.Parse(policy.GetString()!);
                if (doc.RootElement.TryGetProperty("maxReceiveCount", out var m))
                    return Setting.FromPlan<int>(m.ValueKind == JsonValueKind.String ? int.Parse(m.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : m.GetInt32(), $"{queue.Address} {attribute}");
            }
            // Unknown until apply (it embeds the DLQ's ARN): follow the module's variable.
            if (ModuleVariable(queue.ModulePath, moduleVariable) is { } resolved)
                return Setting.FromPlan<int>(resolved.Value, $"{queue.Address} {attribute} ({resolved.From})");
            throw new PlanException($"plan file '{path}': {what}'s maxReceiveCount cannot be found (no redrive_policy and no {moduleVariable} variable); {HowToMakeIt}.");
        }

        /// <summary>A module input's value: the call's constant, the root variable it references, or the module default.</summary>
        private (int Value, string From)? ModuleVariable(string modulePath, string variable)
        {
            var name = modulePath.StartsWith("module.", StringComparison.Ordinal) ? modulePath["module.".Length..].TrimEnd('.') : "";
            if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal)) return null;
            if (!plan.TryGetProperty("configuration", out var config) || !config.TryGetProperty("root_module", out var root)
                || !root.TryGetProperty("module_calls", out var calls) || !calls.TryGetProperty(name, out var call)) return null;
            if (call.TryGetProperty("expressions", out var expressions) && expressions.TryGetProperty(variable, out var expression))
            {
                if (expression.TryGetProperty("constant_value", out var constant) && constant.ValueKind == JsonValueKind.Number)
                    return (constant.GetInt32(), $"module.{name} argument {variable}");
                if (expression.TryGetProperty("references", out var refs) && refs.GetArrayLength() > 0 && refs[0].GetString() is { } reference
                    && reference.StartsWith("var.", StringComparison.Ordinal) && plan.TryGetProperty("variables", out var variables)
                    && variables.TryGetProperty(reference[4..], out var rootVariable) && rootVariable.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number)
                    return (value.GetInt32(), $"root {reference}");
            }
            if (call.TryGetProperty("module", out var module) && module.TryGetProperty("variables", out var moduleVariables)
                && moduleVariables.TryGetProperty(variable, out var declared) && declared.TryGetProperty("default", out var fallback) && fallback.ValueKind == JsonValueKind.Number)
                return (fallback.GetInt32(), $"module.{name} variable {variable} default");
            return null;
        }

        private static Setting<double> Number(Resource r, string attribute, double awsDefault, string page) =>
            r.Get(attribute) is { ValueKind: JsonValueKind.Number } v ? Setting.FromPlan<double>(v.GetDouble(), $"{r.Address} {attribute}") : Setting.AwsDefault<double>(awsDefault, page);

        private static Setting<int> Integer(Resource r, string attribute, int awsDefault, string page) =>
            r.Get(attribute) is { ValueKind: JsonValueKind.Number } v ? Setting.FromPlan<int>(v.GetInt32(), $"{r.Address} {attribute}") : Setting.AwsDefault<int>(awsDefault, page);
    }
}
