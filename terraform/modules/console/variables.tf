variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>: the API is <name_prefix>-console, the user pool <name_prefix>-console-users."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "region" {
  type        = string
  description = "Region of the user pool: the JWT issuer is https://cognito-idp.<region>.amazonaws.com/<pool id>."
}

variable "function_name" {
  type        = string
  description = "The console's Lambda function (the lake console on LambdaServer), which the API invokes."
}

variable "function_invoke_arn" {
  type        = string
  description = "Invoke ARN of that function (the lambda-function module's invoke_arn)."
}

variable "pages" {
  type        = list(string)
  description = "The console's page paths, served without a token (they hold no data: each page asks /api/* with the access token)."
  default     = ["/", "/runs", "/quarantine", "/sql", "/dashboards"]

  validation {
    condition     = alltrue([for p in var.pages : can(regex("^/[a-z0-9-]*$", p)) && !startswith(p, "/api")])
    error_message = "Each page is one path segment such as /runs, and never under /api (the API always needs a token)."
  }
}

variable "auth_domain_prefix" {
  type        = string
  description = "Prefix of the Cognito hosted sign-in domain, <prefix>.auth.<region>.amazoncognito.com; unique in the region, so it defaults to <name_prefix>-console and can be changed when taken."
  default     = null

  validation {
    condition     = var.auth_domain_prefix == null || can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.auth_domain_prefix))
    error_message = "auth_domain_prefix must be 1 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen (Cognito's rule for domain prefixes)."
  }
}

variable "log_kms_key_arn" {
  type        = string
  description = "Key that encrypts the API's access log group (the lake key)."
}

variable "log_retention_in_days" {
  type        = number
  description = "Days the access log keeps requests."
  default     = 30
}

variable "throttling_rate_limit" {
  type        = number
  description = "Requests per second the API accepts on average, before API Gateway answers 429: a console for a team, not a public site."
  default     = 20

  validation {
    condition     = var.throttling_rate_limit > 0 && var.throttling_rate_limit <= 10000
    error_message = "throttling_rate_limit must be from 1 to 10000 requests per second."
  }
}

variable "throttling_burst_limit" {
  type        = number
  description = "Requests the API accepts at once above the rate."
  default     = 40

  validation {
    condition     = var.throttling_burst_limit > 0 && var.throttling_burst_limit <= 5000 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a whole number from 1 to 5000."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags on every resource."
  default     = {}
}
