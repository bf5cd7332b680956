// SocarDataLake build: one script builds, tests, packages and deploys the whole lake.
//   ./build.sh                      Build, Package, TerraformValidate, then the local lake demo
//   ./build.sh --target=Test        every test: .NET, Terraform, Python, JavaScript
//   ./build.sh --target=Deploy --env=dev

#load "parameters.cake"
#load "test-tally.cake"
#load "zip.cake"
#load "dotnet.cake"
#load "terraform.cake"
#load "python.cake"
#load "node.cake"
#load "browser.cake"
#load "glue.cake"
#load "local.cake"
#load "deploy.cake"

//////////////////////////////////////////////////////////////////////
// ARGUMENTS
//////////////////////////////////////////////////////////////////////

var target = Argument("target", "Default");

//////////////////////////////////////////////////////////////////////
// SETUP
//////////////////////////////////////////////////////////////////////

var tally = new TestTally();

Setup<BuildParameters>(context =>
{
    var p = BuildParameters.Resolve(context);
    Information($"SocarDataLake build: target {p.Target}, configuration {p.Configuration}, runtime {p.Runtime}");
    return p;
});

//////////////////////////////////////////////////////////////////////
// TASK TARGETS
//////////////////////////////////////////////////////////////////////

Task("Test")
    .Description("Every test: .NET (xunit v3, the console's in headless Chromium, installed when missing), terraform fmt + test, Python py_compile + unittest, node --test. Ends with 'N passed, N failed'.")
    // The end-to-end Lambda tests drive the real Native AOT binaries, so they are packaged first; the Glue
    // job's tests run main() with the default arguments of the deployed job, read from the offline plan.
    .IsDependentOn("Package")
    .IsDependentOn("Plan")
    .Does<BuildParameters>(p =>
{
    // The console's browser tests run in Chromium: without it they fail (each naming the packages), never skip.
    try { EnsureBrowser(); }
    catch (Exception e) { Error($"Chromium for the console's browser tests: {e.Message}"); tally.Add("Chromium (could not install)", 0, 1); }
    // Each runner is counted even when an earlier one failed, so one run shows every failure.
    foreach (var (name, run) in new (string, Action<BuildParameters, TestTally>)[]
             { (".NET", RunDotNetTests), ("Terraform", RunTerraformTests), ("Python", RunPythonTests), ("JavaScript", RunNodeTests) })
    {
        try { run(p, tally); }
        catch (Exception e) { Error($"{name} tests could not run: {e.Message}"); tally.Add($"{name} (could not run)", 0, 1); }
    }
});

Task("Default")
    .Description("Build, Package, TerraformValidate, then the local lake end to end.")
    .IsDependentOn("Build")
    .IsDependentOn("Package")
    .IsDependentOn("TerraformValidate")
    .IsDependentOn("Local");

//////////////////////////////////////////////////////////////////////
// EXECUTION
//////////////////////////////////////////////////////////////////////

RunTarget(target);

// Printed after Cake's own task report so that CI reads it as the very last line.
if (tally.Ran)
{
    Information("Test results:");
    foreach (var line in tally.Breakdown()) Information(line);
    Console.Out.Flush();
    Console.WriteLine(tally.SummaryLine);
    if (tally.Failed > 0) System.Environment.Exit(1);
}
