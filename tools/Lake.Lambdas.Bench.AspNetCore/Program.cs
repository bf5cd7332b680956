using SocarDataLake.LambdaRuntime.AspNetCore;

// One route on the empty builder (no configuration files, no Kestrel, no default logging: nothing a Lambda does not
// use), served by LambdaServer when AWS_LAMBDA_RUNTIME_API is set.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.Services.AddRoutingCore();
builder.Services.UseLambdaServerInLambda(Environment.GetEnvironmentVariable);
var app = builder.Build();
app.UseRouting();
app.MapGet("/", () => Results.Text("hello"));
await app.RunAsync();
return 0;
