namespace CarbonEdge.Estimation.Factors;

/// <summary>A factor file or factor set that cannot be used: malformed JSON, a duplicate version, a bad unit or validity.</summary>
public sealed class FactorLibraryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No factor of the kind, subject and calibre exists for the region (or any broader one) up to the day.</summary>
public sealed class FactorNotFoundException(string message) : Exception(message);
