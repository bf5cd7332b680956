using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Cli.AwsViews;

/// <summary>What an AWS view reads: run summaries and job runs, quarantine records, the catalog, queue depths.</summary>
[Flags]
internal enum AwsViewReads
{
    Runs = 1,
    Quarantine = 2,
    Catalog = 4,
    Queues = 8,
}

/// <summary>The three queues `lake status --aws` shows: the ingest queue, its dead-letter queue and EventBridge's.</summary>
internal sealed record LakeQueues(string Ingest, string IngestDeadLetter, string EventsDeadLetter);

/// <summary>
/// Where `lake status|runs|quarantine --aws` look. Each name comes from its option, else its environment variable,
/// else the environment's `terraform output -json` saved to a file (--outputs or LAKE_TF_OUTPUTS); every missing
/// one is named in one error (exit 2) before anything is sent, together with the region AwsTarget needs.
/// </summary>
internal sealed record AwsViewSettings(
    AwsTarget Target,
    IReadOnlyList<string> Datasets,
    string? ProcessedBucket,
    string? QuarantineBucket,
    string? Database,
    IReadOnlyDictionary<string, string> JobNames,
    LakeQueues? Queues)
{
    public static AwsViewSettings Resolve(AwsOptions options, string? outputsFile, string? database, string? dataset, AwsViewReads reads, Func<string, string?> environment)
    {
        string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;
        var file = outputsFile is { Length: > 0 } ? outputsFile : Variable("LAKE_TF_OUTPUTS");
        var outputs = file is null ? null : TerraformOutputs.Load(file);
        var missing = new List<string>();

        // The variable, else the named output of the file; a missing one says both ways to give it.
        string? Name(string what, string variable, string output, Func<TerraformOutputs, string?> read)
        {
            if (Variable(variable) is { } value) return value;
            if (outputs is not null && read(outputs) is { } fromFile) return fromFile;
            missing.Add(outputs is null
                ? $"{what}: set {variable} or pass --outputs <file> (the environment's `terraform output -json`, output {output})"
                : $"{what}: {outputs.File} has no output {output}; set {variable} or save the outputs of an environment of this lake");
            return null;
        }

        var datasets = DeployedDatasets(outputs, missing);
        string? processed = null, quarantine = null, schema = null;
        var jobs = new Dictionary<string, string>(StringComparer.Ordinal);
        LakeQueues? queues = null;
        if (reads.HasFlag(AwsViewReads.Runs))
        {
            processed = Name("the processed bucket (run summaries under _runs/)", "LAKE_PROCESSED_BUCKET", "processed_bucket_name", o => o.Text("processed_bucket_name"));
            JobsOf(datasets, outputs, Variable("LAKE_JOB_PREFIX"), jobs, missing);
        }
        if (reads.HasFlag(AwsViewReads.Quarantine))
            quarantine = Name("the quarantine bucket", "LAKE_QUARANTINE_BUCKET", "bucket_names[\"quarantine\"]", o => o.Entry("bucket_names", "quarantine"));
        if (reads.HasFlag(AwsViewReads.Catalog))
            schema = database is { Length: > 0 } ? database : Name("the processed database (Glue)", "LAKE_DATABASE", "processed_database_name", o => o.Text("processed_database_name"));
        if (reads.HasFlag(AwsViewReads.Queues))
        {
            var ingest = Name("the ingest queue", "LAKE_INGEST_QUEUE_URL", "ingest_queue_url", o => o.Text("ingest_queue_url"));
            var ingestDlq = Name("the ingest dead-letter queue", "LAKE_INGEST_DLQ_URL", "ingest_dead_letter_queue_url", o => o.Text("ingest_dead_letter_queue_url"));
            var eventsDlq = Name("the events dead-letter queue", "LAKE_EVENTS_DLQ_URL", "events_dead_letter_queue_url", o => o.Text("events_dead_letter_queue_url"));
            if (ingest is not null && ingestDlq is not null && eventsDlq is not null) queues = new LakeQueues(ingest, ingestDlq, eventsDlq);
        }

        var target = AwsTarget.Resolve(options, environment, needsBucket: false, needsStream: false, missing);
        if (dataset is not null)
        {
            if (!datasets.Contains(dataset))
                throw new LakeException($"unknown dataset '{dataset}': the AWS lake's datasets are {string.Join(", ", datasets)}.");
            datasets = [dataset];
        }
        return new AwsViewSettings(target, datasets, processed, quarantine, schema, jobs, queues);
    }

    // The deployed lake's datasets: the environment's outputs say which exist; without them, the contracts of the
    // repository `lake` runs from (the ones Terraform deploys).
    private static List<string> DeployedDatasets(TerraformOutputs? outputs, List<string> missing)
    {
        if (outputs is not null)
        {
            if ((outputs.List("datasets") ?? outputs.Map("job_names")?.Keys.Order(StringComparer.Ordinal).ToList()) is { Count: > 0 } listed) return listed.ToList();
            missing.Add($"the datasets: {outputs.File} has no output datasets or job_names");
            return [];
        }
        try
        {
            return ContractLoader.LoadDirectory(RepoLocator.DatasetsDirectory(null)).Select(c => c.Name).ToList();
        }
        catch (LakeException)
        {
            missing.Add("the datasets: pass --outputs <file> (the environment's `terraform output -json`, output datasets) or run lake inside the repository (its datasets/ contracts)");
            return [];
        }
    }

    // The job of each dataset: LAKE_JOB_PREFIX + dataset (the Lambdas' setting, "<name_prefix>-"), else job_names.
    private static void JobsOf(IReadOnlyList<string> datasets, TerraformOutputs? outputs, string? prefix, Dictionary<string, string> jobs, List<string> missing)
    {
        if (prefix is not null)
        {
            foreach (var dataset in datasets) jobs[dataset] = prefix + dataset;
            return;
        }
        if (outputs?.Map("job_names") is not { } names)
        {
            missing.Add(outputs is null
                ? "the Glue jobs: set LAKE_JOB_PREFIX (such as socar-lake-dev-) or pass --outputs <file> (the environment's `terraform output -json`, output job_names)"
                : $"the Glue jobs: {outputs.File} has no output job_names; set LAKE_JOB_PREFIX (such as socar-lake-dev-)");
            return;
        }
        foreach (var dataset in datasets)
        {
            if (names.TryGetValue(dataset, out var job)) jobs[dataset] = job;
            else missing.Add($"the Glue job of dataset {dataset}: {outputs.File}'s job_names has no entry {dataset}; set LAKE_JOB_PREFIX");
        }
    }
}
