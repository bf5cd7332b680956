namespace SocarDataLake.Aws;

/// <summary>
/// AWS did not answer a call, or answered it in a way the lake cannot use (a NextToken it already gave, a state the
/// API does not document, a row that does not fit its columns): a failure, not the user's mistake, said in words.
/// </summary>
public sealed class AwsAnswerException(string message, Exception? inner = null) : Exception(message, inner);
