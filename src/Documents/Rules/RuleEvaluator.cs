namespace ActorCloud.Documents.Rules;

/// <summary>
/// Decides a client request against a parsed rule. Never throws: any evaluation error is a denial. For reads,
/// updates and deletes the rule must be provably true for every document the client's query could match
/// (CloudBase's "the query must be a subset of the rule"); stored documents are never consulted.
/// </summary>
public static class RuleEvaluator
{
    public static RuleOutcome Evaluate(RuleExpression expression, RuleContext context)
    {
        try
        {
            return Run(expression, context);
        }
        catch (RuleDenial denial)
        {
            return new RuleOutcome.Denied($"{expression.Describe()} cannot be applied: {denial.Message}");
        }
        catch (Exception e)
        {
            return new RuleOutcome.Denied($"{expression?.Describe()} could not be evaluated ({e.GetType().Name})");
        }
    }

    private static RuleOutcome Run(RuleExpression expression, RuleContext context)
    {
        if (context.QueryCondition is not null && context.Document is not null)
            return new RuleOutcome.Denied("a rule is checked against a query or a document, not both");
        var overQuery = context.QueryCondition is not null && expression.ReadsDoc;
        var branches = overQuery ? QueryNormalForm.Of(context.QueryCondition!) : [new QueryBranch()];
        if (branches is null)
            return new RuleOutcome.Denied(
                $"the query is too complex to check against {expression.Describe()}: it expands to more than {QueryNormalForm.MaxBranches} $or branches");
        var interpreter = new RuleInterpreter(expression, context);
        var pending = false;
        foreach (var branch in branches)
        {
            switch (interpreter.Run(branch))
            {
                case Truth.False or Truth.Unknown:
                    return new RuleOutcome.Denied(Unsatisfied(expression, overQuery));
                case Truth.Pending:
                    pending = true;
                    break;
            }
        }
        return pending ? new RuleOutcome.NeedsDocuments([.. interpreter.Missing]) : new RuleOutcome.Allowed();
    }

    private static string Unsatisfied(RuleExpression expression, bool overQuery)
    {
        if (!overQuery) return $"{expression.Describe()} is not satisfied";
        var hint = expression.OpenidField is { } field ? $": add {field}: '{{openid}}' to it" : "";
        return $"the query does not satisfy {expression.Describe()}{hint}";
    }
}
