// A hello-world Lambda on the Runtime API and nothing else: next, respond, repeat.
var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
while (true)
{
    using var next = await http.GetAsync(new Uri($"http://{api}/2018-06-01/runtime/invocation/next"));
    if (!next.IsSuccessStatusCode) return 1;
    var id = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
    using var content = new StringContent("\"hello\"");
    using var answer = await http.PostAsync(new Uri($"http://{api}/2018-06-01/runtime/invocation/{id}/response"), content);
}
