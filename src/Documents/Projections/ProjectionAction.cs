namespace ActorCloud.Documents.Projections;

/// <summary>What a projection does to the field a leaf names.</summary>
internal enum ProjectionAction
{
    Include,
    Exclude,
    Slice,
    ElemMatch,
}
