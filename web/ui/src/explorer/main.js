console.log("explorer")
