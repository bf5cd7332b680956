using System.Text.Json;
using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Aws;

/// <summary>
/// The orchestration state table on DynamoDB (JSON 1.0). DynamoDB API Reference, GetItem: ConsistentRead true
/// gives a strongly consistent read; an absent item answers with no "Item". UpdateItem: an update expression
/// (SET, ADD) creates the item if needed; a ConditionExpression that is false answers
/// ConditionalCheckFailedException and changes nothing. "Error handling with DynamoDB": throttling
/// (ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded) and 5xx may succeed
/// later. Attribute names are orchestration-v2.md's.
/// </summary>
public sealed class DynamoDbStateStore(AwsJsonClient dynamodb, string tableName) : IDatasetStateStore
{
    public async Task<StateRead> ReadStateAsync(string dataset, CancellationToken cancellationToken)
    {
        var body = AwsJsonClient.Json(w =>
        {
            w.WriteString("TableName", tableName);
            WriteKey(w, dataset);
            w.WriteBoolean("ConsistentRead", true);
        });
        try
        {
            using var response = await dynamodb.CallAsync("GetItem", body, cancellationToken);
            return new StateRead(response.RootElement.TryGetProperty("Item", out var item) ? StateItem.Read(dataset, item) : null, false);
        }
        catch (AwsServiceException e) when (e.IsRetryable)
        {
            return new StateRead(null, true);
        }
    }

    public async Task<StateWrite> RecordArrivalAsync(string dataset, long eventTimeMs, CancellationToken cancellationToken)
    {
        // DynamoDB has no max(): count and move wanted_at forward when it is older; if it is not (the condition
        // fails, nothing changed), count alone.
        var withTime = AwsJsonClient.Json(w =>
        {
            w.WriteString("TableName", tableName);
            WriteKey(w, dataset);
            w.WriteString("UpdateExpression", "ADD wanted :one SET wanted_at = :t");
            w.WriteString("ConditionExpression", "attribute_not_exists(wanted_at) OR wanted_at < :t");
            w.WriteStartObject("ExpressionAttributeValues");
            StateItem.WriteNumber(w, ":one", 1);
            StateItem.WriteNumber(w, ":t", eventTimeMs);
            w.WriteEndObject();
        });
        var countOnly = AwsJsonClient.Json(w =>
        {
            w.WriteString("TableName", tableName);
            WriteKey(w, dataset);
            w.WriteString("UpdateExpression", "ADD wanted :one");
            w.WriteStartObject("ExpressionAttributeValues");
            StateItem.WriteNumber(w, ":one", 1);
            w.WriteEndObject();
        });
        try
        {
            try
            {
                using var _ = await dynamodb.CallAsync("UpdateItem", withTime, cancellationToken);
            }
            catch (AwsServiceException e) when (e.ErrorCode == "ConditionalCheckFailedException")
            {
                using var _ = await dynamodb.CallAsync("UpdateItem", countOnly, cancellationToken);
            }
            return StateWrite.Written;
        }
        catch (AwsServiceException e) when (e.IsRetryable)
        {
            return StateWrite.Throttled;
        }
    }

    public async Task<StateWrite> WriteStateAsync(DatasetState state, long readVersion, CancellationToken cancellationToken)
    {
        var body = AwsJsonClient.Json(w =>
        {
            w.WriteString("TableName", tableName);
            WriteKey(w, state.Dataset);
            w.WriteString("UpdateExpression", StateItem.UpdateExpression(state));
            // Optimistic locking: nobody reconciled this dataset since our read.
            w.WriteString("ConditionExpression", readVersion == 0 ? "attribute_not_exists(#v)" : "#v = :read_v");
            w.WriteStartObject("ExpressionAttributeNames");
            foreach (var name in StateItem.WrittenNames(state)) w.WriteString("#" + name, name);
            w.WriteEndObject();
            w.WriteStartObject("ExpressionAttributeValues");
            StateItem.WriteValues(w, state);
            if (readVersion != 0) StateItem.WriteNumber(w, ":read_v", readVersion);
            w.WriteEndObject();
        });
        try
        {
            using var _ = await dynamodb.CallAsync("UpdateItem", body, cancellationToken);
            return StateWrite.Written;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ConditionalCheckFailedException")
        {
            return StateWrite.ConditionFailed;
        }
        catch (AwsServiceException e) when (e.IsRetryable)
        {
            return StateWrite.Throttled;
        }
    }

    private static void WriteKey(Utf8JsonWriter w, string dataset)
    {
        w.WriteStartObject("Key");
        w.WriteStartObject("dataset");
        w.WriteString("S", dataset);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
