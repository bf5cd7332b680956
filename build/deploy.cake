// AWS: Upload pushes the packaged artifacts; Deploy applies the environment around it.
// Both check every input first (RequireDeployInputs) so a missing one changes nothing.

Task("DeployPreflight")
    .Description("Fails fast unless --env, AWS credentials and the remote-state settings are all present.")
    .Does<BuildParameters>(p => RequireDeployInputs(p));

string BackendConfig(BuildParameters p) =>
    EnvironmentVariable("LAKE_BACKEND_CONFIG") ?? p.TerraformDir.Combine("envs").Combine(p.Environment).CombineWithFilePath("backend.hcl").FullPath;

int TerraformInEnv(BuildParameters p, string arguments) =>
    Terraform(p, p.TerraformDir.Combine("envs").Combine(p.Environment), arguments);

Task("Upload")
    .Description("Packages, then uploads Lambda zips and Glue artifacts to the environment's artifacts bucket (needs --env and AWS credentials).")
    .IsDependentOn("DeployPreflight")
    .IsDependentOn("Package")
    .Does<BuildParameters>(p =>
{
    if (TerraformInEnv(p, $"init -input=false -no-color -backend-config=\"{BackendConfig(p)}\"") != 0)
        throw new CakeException($"terraform init of envs/{p.Environment} failed: check backend.hcl and credentials.");
    // The artifacts bucket is part of the storage module: create it before anything points at it.
    if (TerraformInEnv(p, "apply -input=false -no-color -auto-approve -target=module.storage") != 0)
        throw new CakeException("Creating the storage module (artifacts bucket) failed.");
    var bucket = RunAndCaptureQuiet("terraform", $"-chdir=\"{p.TerraformDir.Combine("envs").Combine(p.Environment).FullPath}\" output -raw artifacts_bucket_name", TerraformEnvironment(p));
    if (bucket.ExitCode != 0 || string.IsNullOrWhiteSpace(bucket.Output)) throw new CakeException("terraform output artifacts_bucket_name is missing.");
    // Every put names the lake key: the bucket policy refuses SSE-KMS puts under any other key.
    var key = RunAndCaptureQuiet("terraform", $"-chdir=\"{p.TerraformDir.Combine("envs").Combine(p.Environment).FullPath}\" output -raw kms_key_arn", TerraformEnvironment(p));
    if (key.ExitCode != 0 || string.IsNullOrWhiteSpace(key.Output)) throw new CakeException("terraform output kms_key_arn is missing.");
    var code = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"run -c {p.Configuration} --project \"{p.Root.CombineWithFilePath("tools/Lake.Deploy/Lake.Deploy.csproj").FullPath}\" -- push --bucket {bucket.Output.Trim()} --kms-key {key.Output.Trim()} --from \"{p.Artifacts.FullPath}\" --tfvars \"{p.Artifacts.CombineWithFilePath("artifacts.auto.tfvars.json").FullPath}\"",
        WorkingDirectory = p.Root,
    });
    if (code != 0) throw new CakeException($"Uploading artifacts failed (exit {code}).");
});

Task("Deploy")
    .Description("Upload, then terraform apply of --env with the uploaded artifact keys.")
    .IsDependentOn("Upload")
    .Does<BuildParameters>(p =>
{
    var varFile = p.Artifacts.CombineWithFilePath("artifacts.auto.tfvars.json");
    if (TerraformInEnv(p, $"apply -input=false -no-color -auto-approve -var-file=\"{varFile.FullPath}\"") != 0)
        throw new CakeException($"terraform apply of envs/{p.Environment} failed; the state in the remote backend shows what was applied.");
});
