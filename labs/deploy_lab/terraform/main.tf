# A container registry for the service, and the two roles GitHub Actions assumes with OIDC: one pushes images,
# the other deploys them. No long-lived access keys exist anywhere: each job trades a short-lived GitHub token
# for AWS credentials.

# --8<-- [start:kms]
resource "aws_kms_key" "registry" {
  description         = "Encrypts ${var.name} container images at rest"
  enable_key_rotation = true
  tags                = var.tags
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
# --8<-- [end:kms]

data "aws_caller_identity" "current" {}

# --8<-- [start:registry]
resource "aws_ecr_repository" "service" {
  name                 = var.name
  image_tag_mutability = "IMMUTABLE" # a tag always names the same image; redeploying 1.0.0 is reproducible
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.registry.arn
  }
  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "service" {
  repository = aws_ecr_repository.service.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the 50 most recent images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 50 }
      action       = { type = "expire" }
    }]
  })
}
# --8<-- [end:registry]

# --8<-- [start:oidc]
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

# GitHub's subject claim names the job's environment if it has one, else its branch (or pull_request).
# One role per job, each trusting exactly one subject: the build job pushes images, the deploy job deploys.
data "aws_iam_policy_document" "trust_push" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    # Jobs on main that name no environment; pull requests and other branches get other subjects.
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:ref:refs/heads/main"]
    }
  }
}

data "aws_iam_policy_document" "trust_deploy" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    # Only jobs that ran in the production environment, so they passed its required reviewers.
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:environment:production"]
    }
  }
}

resource "aws_iam_role" "push" {
  name                 = "${var.name}-github-push"
  assume_role_policy   = data.aws_iam_policy_document.trust_push.json
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role" "deploy" {
  name                 = "${var.name}-github-deploy"
  assume_role_policy   = data.aws_iam_policy_document.trust_deploy.json
  max_session_duration = 3600
  tags                 = var.tags
}
# --8<-- [end:oidc]

# --8<-- [start:least-privilege]
data "aws_iam_policy_document" "push_images" {
  statement {
    sid       = "Login"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # this action does not support resource-level permissions
  }
  statement {
    sid = "PushToThisRepositoryOnly"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:InitiateLayerUpload",
      "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload",
      "ecr:PutImage",
      "ecr:BatchGetImage",
    ]
    resources = [aws_ecr_repository.service.arn]
  }
}

resource "aws_iam_role_policy" "push_images" {
  name   = "push-images"
  role   = aws_iam_role.push.id
  policy = data.aws_iam_policy_document.push_images.json
}
# --8<-- [end:least-privilege]

# --8<-- [start:deploy-access]
data "aws_region" "current" {}

# AWS permissions: only what `aws eks update-kubeconfig` needs to find the cluster's endpoint.
data "aws_iam_policy_document" "find_cluster" {
  statement {
    sid       = "DescribeThisClusterOnly"
    actions   = ["eks:DescribeCluster"]
    resources = ["arn:aws:eks:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:cluster/${var.cluster_name}"]
  }
}

resource "aws_iam_role_policy" "find_cluster" {
  name   = "find-cluster"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.find_cluster.json
}

# Kubernetes permissions: an EKS access entry maps the role into the cluster, allowed to edit workloads in
# the service's namespace (named like the service) and nowhere else.
resource "aws_eks_access_entry" "deploy" {
  cluster_name  = var.cluster_name
  principal_arn = aws_iam_role.deploy.arn
  tags          = var.tags
}

resource "aws_eks_access_policy_association" "deploy" {
  cluster_name  = var.cluster_name
  principal_arn = aws_iam_role.deploy.arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"
  access_scope {
    type       = "namespace"
    namespaces = [var.name]
  }
}
# --8<-- [end:deploy-access]
