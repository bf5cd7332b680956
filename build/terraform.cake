// Terraform: fmt, init/validate of every module and environment, terraform test, offline plan, apply.

DirectoryPath TerraformWork(BuildParameters p) => p.Artifacts.Combine("terraform");

// Offline where the provider mirror exists; otherwise Terraform's default (the public registry).
Dictionary<string, string> TerraformEnvironment(BuildParameters p)
{
    var env = new Dictionary<string, string> { ["TF_IN_AUTOMATION"] = "1", ["TF_INPUT"] = "0" };
    if (p.ProviderMirror != null)
    {
        EnsureDirectoryExists(TerraformWork(p));
        var rc = TerraformWork(p).CombineWithFilePath("terraformrc");
        System.IO.File.WriteAllText(rc.FullPath,
            "provider_installation {\n" +
            $"  filesystem_mirror {{\n    path    = \"{p.ProviderMirror.FullPath}\"\n    include = [\"registry.terraform.io/hashicorp/*\"]\n  }}\n" +
            "  direct {\n    exclude = [\"registry.terraform.io/hashicorp/*\"]\n  }\n}\n");
        env["TF_CLI_CONFIG_FILE"] = rc.FullPath;
    }
    return env;
}

List<DirectoryPath> TerraformModules(BuildParameters p) =>
    GetDirectories(p.TerraformDir.FullPath + "/modules/*").Where(d => GetFiles(d.FullPath + "/*.tf").Any()).OrderBy(d => d.FullPath).ToList();

List<DirectoryPath> TerraformEnvironments(BuildParameters p) =>
    GetDirectories(p.TerraformDir.FullPath + "/envs/*").Where(d => GetFiles(d.FullPath + "/*.tf").Any()).OrderBy(d => d.FullPath).ToList();

string Relative(BuildParameters p, DirectoryPath dir) => p.Root.GetRelativePath(dir).FullPath;

void RequireTerraform(BuildParameters p)
{
    if (StartProcess("terraform", new ProcessSettings { Arguments = "version", RedirectStandardOutput = true, EnvironmentVariables = TerraformEnvironment(p) }) != 0)
        throw new CakeException("terraform is not on PATH. Install Terraform >= 1.11 (https://developer.hashicorp.com/terraform/install) and run the build again.");
}

int Terraform(BuildParameters p, DirectoryPath dir, string arguments) =>
    StartProcess("terraform", new ProcessSettings
    {
        Arguments = $"-chdir=\"{dir.FullPath}\" {arguments}",
        EnvironmentVariables = TerraformEnvironment(p),
    });

void TerraformInit(BuildParameters p, DirectoryPath dir)
{
    if (Terraform(p, dir, "init -backend=false -input=false -no-color") != 0)
        throw new CakeException($"terraform init failed in {Relative(p, dir)}" + (p.ProviderMirror == null ? " (no provider mirror found: the public registry must be reachable)." : $" (provider mirror {p.ProviderMirror})."));
}

Task("TerraformValidate")
    .Description("terraform init (no backend) + validate for every module and environment; offline with the provider mirror.")
    .Does<BuildParameters>(p =>
{
    RequireTerraform(p);
    Information(p.ProviderMirror != null ? $"Provider mirror: {p.ProviderMirror}" : "No provider mirror on this machine: using the public registry.");
    var failures = new List<string>();
    foreach (var dir in TerraformModules(p).Concat(TerraformEnvironments(p)))
    {
        Information($"validate {Relative(p, dir)}");
        TerraformInit(p, dir);
        if (Terraform(p, dir, "validate -no-color") != 0) failures.Add(Relative(p, dir));
    }
    if (failures.Count > 0) throw new CakeException("terraform validate failed in: " + string.Join(", ", failures));
});

// fmt -check counts as one check; each terraform test suite contributes its own run counts.
void RunTerraformTests(BuildParameters p, TestTally tally)
{
    RequireTerraform(p);
    var fmt = Terraform(p, p.TerraformDir, "fmt -check -recursive -diff -no-color");
    tally.Add("terraform fmt -check", fmt == 0 ? 1 : 0, fmt == 0 ? 0 : 1);
    foreach (var dir in TerraformModules(p).Concat(TerraformEnvironments(p)))
    {
        if (!GetFiles(dir.FullPath + "/tests/*.tftest.hcl").Any()) continue;
        TerraformInit(p, dir);
        var run = RunAndCapture("terraform", $"-chdir=\"{dir.FullPath}\" test -no-color", p.Root, TerraformEnvironment(p));
        var match = System.Text.RegularExpressions.Regex.Match(run.Output, @"(\d+) passed, (\d+) failed");
        int passed = match.Success ? int.Parse(match.Groups[1].Value) : 0;
        int failed = match.Success ? int.Parse(match.Groups[2].Value) : 0;
        if (run.ExitCode != 0 && failed == 0) failed = 1;
        tally.Add($"terraform test {Relative(p, dir)}", passed, failed);
    }
}

Task("TerraformMutations")
    .Description("Applies each mutation of terraform/tests/mutations.py to a scratch copy and checks that its named terraform test run fails (slow: one suite per mutation).")
    .Does<BuildParameters>(p =>
{
    RequireTerraform(p);
    var run = RunAndCapture(Python(), $"\"{p.TerraformDir.CombineWithFilePath("tests/mutations.py").FullPath}\"", p.Root, TerraformEnvironment(p));
    var match = System.Text.RegularExpressions.Regex.Match(run.Output, @"(\d+) passed, (\d+) failed");
    if (run.ExitCode != 0 || !match.Success || match.Groups[2].Value != "0")
        throw new CakeException("A Terraform mutation survived or could not be applied: see the lines marked MISSED above.");
});

Task("Plan")
    .Description("terraform plan: offline of envs/dev by default (no AWS account); with --remote=true --env=<env>, against AWS and its remote state.")
    .Does<BuildParameters>(p =>
{
    RequireTerraform(p);
    if (Argument("remote", false)) { RequireDeployInputs(p); RemotePlan(p); }
    else OfflinePlan(p, string.IsNullOrEmpty(p.Environment) ? "dev" : p.Environment);
});

// Placeholder credentials, local state and skipped provider checks: proves the plan without an account.
void OfflinePlan(BuildParameters p, string envName)
{
    var dir = p.TerraformDir.Combine("envs").Combine(envName);
    if (!DirectoryExists(dir)) throw new CakeException($"No Terraform environment at {Relative(p, dir)}.");
    var work = TerraformWork(p);
    EnsureDirectoryExists(work);
    // An _override.tf file swaps the S3 backend for local state for this plan only.
    var overrideFile = dir.CombineWithFilePath("zz_offline_plan_override.tf");
    System.IO.File.WriteAllText(overrideFile.FullPath,
        "terraform {\n  backend \"local\" {\n    path = \"" + work.CombineWithFilePath($"offline-{envName}.tfstate").FullPath + "\"\n  }\n}\n");
    try
    {
        var env = TerraformEnvironment(p);
        env["AWS_ACCESS_KEY_ID"] = "offline-plan-placeholder";
        env["AWS_SECRET_ACCESS_KEY"] = "offline-plan-placeholder-not-a-secret";
        env["AWS_REGION"] = "ap-south-1";
        env["AWS_EC2_METADATA_DISABLED"] = "true";
        var planFile = work.CombineWithFilePath($"{envName}.tfplan");
        int Tf(string args) => StartProcess("terraform", new ProcessSettings { Arguments = $"-chdir=\"{dir.FullPath}\" {args}", EnvironmentVariables = env });
        if (Tf("init -reconfigure -input=false -no-color") != 0) throw new CakeException($"terraform init failed in {Relative(p, dir)}.");
        if (Tf($"plan -refresh=false -lock=false -input=false -no-color -var offline_plan=true{ArtifactVarFile(p)} -out=\"{planFile.FullPath}\"") != 0)
            throw new CakeException($"terraform plan failed for {Relative(p, dir)}.");
        var json = p.Artifacts.CombineWithFilePath($"plan-{envName}.json");
        var show = RunAndCaptureQuiet("terraform", $"-chdir=\"{dir.FullPath}\" show -json \"{planFile.FullPath}\"", env);
        if (show.ExitCode != 0) throw new CakeException("terraform show -json failed.");
        System.IO.File.WriteAllText(json.FullPath, show.Output);
        Information($"Plan JSON written to {p.Root.GetRelativePath(json)}");
    }
    finally
    {
        DeleteFile(overrideFile);
        // Forget the local-backend init so the next real init sees the S3 backend again.
        var initState = dir.Combine(".terraform").CombineWithFilePath("terraform.tfstate");
        if (FileExists(initState)) DeleteFile(initState);
    }
}

// A real plan against the environment's remote state; its text is kept for the pull-request comment.
void RemotePlan(BuildParameters p)
{
    var dir = p.TerraformDir.Combine("envs").Combine(p.Environment);
    var planFile = TerraformWork(p).CombineWithFilePath($"{p.Environment}.remote.tfplan");
    EnsureDirectoryExists(TerraformWork(p));
    if (TerraformInEnv(p, $"init -reconfigure -input=false -no-color -backend-config=\"{BackendConfig(p)}\"") != 0)
        throw new CakeException($"terraform init of envs/{p.Environment} failed: check the backend settings and credentials.");
    if (TerraformInEnv(p, $"plan -input=false -no-color -lock-timeout=120s{ArtifactVarFile(p)} -out=\"{planFile.FullPath}\"") != 0)
        throw new CakeException($"terraform plan of envs/{p.Environment} failed.");
    var show = RunAndCaptureQuiet("terraform", $"-chdir=\"{dir.FullPath}\" show -no-color \"{planFile.FullPath}\"", TerraformEnvironment(p));
    if (show.ExitCode != 0) throw new CakeException("terraform show failed.");
    System.IO.File.WriteAllText(p.Artifacts.CombineWithFilePath($"plan-{p.Environment}.txt").FullPath, show.Output);
    // GitHub comments hold at most 65536 characters: keep the head of a long plan and say so.
    const int limit = 60000;
    var body = show.Output.Length > limit ? show.Output[..limit] + "\n... (truncated: the full plan is in the workflow's log)" : show.Output;
    System.IO.File.WriteAllText(p.Artifacts.CombineWithFilePath($"plan-{p.Environment}.md").FullPath,
        $"#### terraform plan: envs/{p.Environment}\n<details><summary>Show plan</summary>\n\n```\n{body}\n```\n</details>\n");
    Information($"Plan written to artifacts/plan-{p.Environment}.txt and .md");
}

string ArtifactVarFile(BuildParameters p)
{
    var varFile = p.Artifacts.CombineWithFilePath("artifacts.auto.tfvars.json");
    return FileExists(varFile) ? $" -var-file=\"{varFile.FullPath}\"" : "";
}

ProcessRun RunAndCaptureQuiet(string tool, string arguments, IDictionary<string, string> environment)
{
    using var process = StartAndReturnProcess(tool, new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true, EnvironmentVariables = environment });
    var output = string.Join("\n", process.GetStandardOutput());
    process.WaitForExit();
    return new ProcessRun(process.GetExitCode(), output);
}

// Deploy-side targets must never half-run: everything they need is checked before anything changes.
void RequireDeployInputs(BuildParameters p)
{
    var missing = new List<string>();
    if (string.IsNullOrWhiteSpace(p.Environment)) missing.Add("an environment: pass --env=dev or --env=prod (or set LAKE_ENV)");
    else if (!DirectoryExists(p.TerraformDir.Combine("envs").Combine(p.Environment))) missing.Add($"a Terraform environment named '{p.Environment}' (terraform/envs/{p.Environment} does not exist)");
    var hasCredentials = new[] { "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" }
        .Any(v => !string.IsNullOrWhiteSpace(EnvironmentVariable(v)));
    if (!hasCredentials) missing.Add("AWS credentials: set AWS_PROFILE, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run in CI with an OIDC role");
    var backend = p.TerraformDir.Combine("envs").Combine(p.Environment ?? "").CombineWithFilePath("backend.hcl");
    if (!string.IsNullOrWhiteSpace(p.Environment) && !FileExists(backend) && string.IsNullOrWhiteSpace(EnvironmentVariable("LAKE_BACKEND_CONFIG")))
        missing.Add($"remote state settings: create terraform/envs/{p.Environment}/backend.hcl from backend.hcl.example, or set LAKE_BACKEND_CONFIG to such a file");
    if (missing.Count > 0)
        throw new CakeException($"{p.Target} needs:\n  - " + string.Join("\n  - ", missing) + "\nNothing was uploaded or changed.");
}
