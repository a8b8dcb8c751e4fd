namespace CaiScores.Ingest;

/// <summary>A value in a well-formed document that does not fit the CAI schema.</summary>
internal sealed class XdmParseException(string jsonPath, string message) : Exception(message)
{
    public string JsonPath { get; } = jsonPath;
}
