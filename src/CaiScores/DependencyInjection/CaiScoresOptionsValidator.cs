using Microsoft.Extensions.Options;
using CaiScores.Ingest;

namespace CaiScores.DependencyInjection;

/// <summary>Validates <see cref="CaiScoresOptions"/> for the options system, reporting every problem at once.</summary>
internal sealed class CaiScoresOptionsValidator : IValidateOptions<CaiScoresOptions>
{
    public ValidateOptionsResult Validate(string? name, CaiScoresOptions options)
    {
        var errors = options.GetValidationErrors();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
