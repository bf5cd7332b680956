namespace SocarDataLake.Deploy.Tests;

public sealed class ArtifactSetTests
{
    [Fact]
    public void Keys_carry_the_content_hash_and_terraform_gets_the_base64_sha256()
    {
        using var folder = new ArtifactFolder()
            .WithLambda("glue-trigger", "zip bytes of glue-trigger")
            .WithGlueArtifact("script", "etl_job", "etl_job-0123456789ab.py", "print('job')")
            .WithGlueArtifact("library", "lake_glue", "lake_glue-0123456789ab.zip", "library")
            .WithGlueArtifact("plan", "tripdata", "plans/tripdata-aaaaaaaaaaaa.json", "{}");

        var set = ArtifactSet.Load(folder.Path);
        var variables = set.TerraformVariables();

        var sha = ArtifactFolder.Sha("zip bytes of glue-trigger");
        var lambda = variables["lambda_packages"]!["glue-trigger"]!;
        Assert.Equal($"lambdas/glue-trigger-{sha[..12]}.zip", (string)lambda["s3_key"]!);
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(sha)), (string)lambda["source_code_hash"]!);
        Assert.Equal("glue/etl_job-0123456789ab.py", (string)variables["glue_script_key"]!);
        Assert.Equal("glue/lake_glue-0123456789ab.zip", (string)variables["glue_library_key"]!);
        Assert.Equal("glue/plans/tripdata-aaaaaaaaaaaa.json", (string)variables["typing_plan_keys"]!["tripdata"]!);
        Assert.Equal(4, set.All.Count());
    }

    [Fact]
    public void Glue_artifacts_are_what_the_glue_manifest_lists_as_what_it_says_not_what_file_names_suggest()
    {
        using var folder = new ArtifactFolder()
            .WithLambda("glue-trigger", "zip")
            .WithGlueArtifact("script", "etl_job", "etl_job-0123456789ab.py", "print('job')")
            .WithGlueArtifact("plan", "etl_job_audit", "plans/etl_job_audit-bbbbbbbbbbbb.json", "{}")
            .WithUnlistedGlueFile("etl_job-ffffffffffff.py", "print('an earlier build')")
            .WithUnlistedGlueFile("plans/rides-cccccccccccc.json", "{}");

        var set = ArtifactSet.Load(folder.Path);
        var variables = set.TerraformVariables();

        Assert.Equal("glue/etl_job-0123456789ab.py", (string)variables["glue_script_key"]!);
        Assert.Equal(["etl_job_audit"], variables["typing_plan_keys"]!.AsObject().Select(kv => kv.Key));
        Assert.DoesNotContain(set.All, a => a.Key.Contains("ffffffffffff", StringComparison.Ordinal) || a.Key.Contains("rides", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("notebook", "etl_job-0123456789ab.py", "print('job')", "'etl_job' has kind 'notebook'; the Glue kinds are plan, script and library")]
    [InlineData("script", "../../outside.py", null, "'glue/../../outside.py' is outside")]
    public void A_glue_manifest_entry_of_an_unknown_kind_or_outside_the_folder_is_refused_naming_the_manifest(string kind, string relative, string? content, string expected)
    {
        using var folder = new ArtifactFolder().WithLambda("glue-trigger", "zip").WithGlueArtifact(kind, "etl_job", relative, content);

        var error = Assert.Throws<ArtifactException>(() => ArtifactSet.Load(folder.Path));

        Assert.Contains(Path.Combine("glue", "manifest.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_for_missing_glue_artifacts_are_left_to_terraform_defaults()
    {
        using var folder = new ArtifactFolder().WithLambda("etl-trigger", "zip");

        var variables = ArtifactSet.Load(folder.Path).TerraformVariables();

        Assert.False(variables.ContainsKey("glue_script_key"));
        Assert.False(variables.ContainsKey("typing_plan_keys"));
    }

    [Fact]
    public void A_zip_changed_after_packaging_is_refused_with_its_path()
    {
        using var folder = new ArtifactFolder().WithLambda("ops-notifier", "rebuilt bytes", recordedSha: ArtifactFolder.Sha("packaged bytes"));

        var error = Assert.Throws<ArtifactException>(() => ArtifactSet.Load(folder.Path));

        Assert.Contains("ops-notifier.zip does not match its manifest entry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_package_manifest_the_error_says_to_run_package()
    {
        using var folder = new ArtifactFolder();

        var error = Assert.Throws<ArtifactException>(() => ArtifactSet.Load(folder.Path));

        Assert.Contains("--target=Package", error.Message, StringComparison.Ordinal);
    }
}
