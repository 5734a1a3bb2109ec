output "repository_url" {
  description = "Where the pipeline pushes images."
  value       = aws_ecr_repository.service.repository_url
}

output "deploy_role_arn" {
  description = "The role GitHub Actions assumes through OIDC."
  value       = aws_iam_role.deploy.arn
}
