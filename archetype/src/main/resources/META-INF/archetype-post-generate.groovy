// The Maven wrapper must stay executable (archetype files are written without permissions).
def mvnw = new File(request.outputDirectory, request.artifactId + "/mvnw")
if (mvnw.exists()) {
    mvnw.setExecutable(true, false)
}
