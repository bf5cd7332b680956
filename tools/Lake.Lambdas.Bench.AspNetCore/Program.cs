using SocarDataLake.LambdaRuntime.AspNetCore;

// One route on the slim builder, served by LambdaServer when AWS_LAMBDA_RUNTIME_API is set.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.UseLambdaServerInLambda(Environment.GetEnvironmentVariable);
var app = builder.Build();
app.MapGet("/", () => Results.Text("hello"));
await app.RunAsync();
return 0;
