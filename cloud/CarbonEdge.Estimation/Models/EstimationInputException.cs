namespace CarbonEdge.Estimation.Models;

/// <summary>A model cannot run on the inputs given (e.g. a report without its electricity line); the message says what is missing.</summary>
public sealed class EstimationInputException(string message) : Exception(message);
